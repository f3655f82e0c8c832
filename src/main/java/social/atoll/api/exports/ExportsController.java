package social.atoll.api.exports;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import social.atoll.api.Auth;
import social.atoll.api.Viewer;
import social.atoll.core.portability.CsvExports;
import social.atoll.core.portability.CsvImports;
import social.atoll.core.portability.CsvKind;
import social.atoll.server.ApiException;
import social.atoll.server.Controller;
import social.atoll.server.Params;

/**
 * GoToSocial's import and export API, which Mastodon has no equivalent of: {@code GET /api/v1/exports/stats},
 * {@code GET /api/v1/exports/{following,followers,lists,blocks,mutes,domain_blocks,bookmarks}.csv} (Mastodon's CSV
 * files) and {@code POST /api/v1/import} (multipart {@code data}, {@code type}, {@code mode}: {@code merge} or
 * {@code overwrite}), which answers 202 once the import is stored; its job applies it.
 */
public final class ExportsController implements Controller {

    private final Auth auth;
    private final ObjectMapper json;
    private final CsvExports exports;
    private final CsvImports imports;

    public ExportsController(Auth auth, ObjectMapper json, CsvExports exports, CsvImports imports) {
        this.auth = auth;
        this.json = json;
        this.exports = exports;
        this.imports = imports;
    }

    @Override
    public void routes(RoutesConfig r) {
        r.get("/api/v1/exports/stats", this::stats);
        r.get("/api/v1/exports/{file}", this::file);
        r.post("/api/v1/import", this::importFile);
    }

    private void stats(Context ctx) {
        Viewer v = auth.requireUser(ctx, "read:accounts");
        var s = exports.stats(v.accountId());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("media_storage", social.atoll.core.portability.ByteSizes.human(s.mediaBytes()));
        body.put("followers_count", s.followers());
        body.put("following_count", s.following());
        body.put("statuses_count", s.statuses());
        body.put("lists_count", s.lists());
        body.put("blocks_count", s.blocks());
        body.put("mutes_count", s.mutes());
        ctx.json(body);
    }

    private void file(Context ctx) {
        String name = ctx.pathParam("file");
        CsvKind kind = name.endsWith(".csv") ? CsvKind.bySlug(name.substring(0, name.length() - 4)).orElse(null) : null;
        if (kind == null || !kind.fileName().equals(name)) throw ApiException.notFound();
        Viewer v = auth.requireUser(ctx, scope("read", kind));
        ctx.contentType("text/csv; charset=utf-8");
        ctx.header("Content-Disposition", "attachment; filename=\"" + kind.fileName() + "\"");
        ctx.result(exports.csv(v.accountId(), kind));
    }

    private void importFile(Context ctx) {
        auth.requireUser(ctx);
        Params p = Params.from(ctx, json);
        String type = p.string("type").orElseThrow(() -> ApiException.badRequest("no type provided"));
        CsvKind kind = CsvKind.bySlug(type).filter(CsvKind::importable)
                .orElseThrow(() -> ApiException.badRequest("type " + type + " not recognized, valid types are: following, blocks, mutes, domain_blocks, bookmarks, lists"));
        Viewer v = auth.requireUser(ctx, scope("write", kind));
        String mode = p.string("mode").orElse("merge");
        if (!mode.equals("merge") && !mode.equals("overwrite"))
            throw ApiException.badRequest("mode " + mode + " not recognized, valid modes are: merge, overwrite");
        UploadedFile data = p.file("data").orElseThrow(() -> ApiException.badRequest("no data file provided"));
        byte[] bytes;
        try (InputStream in = data.content()) {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var started = imports.start(v.accountId(), kind, mode.equals("overwrite"), bytes);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "accepted");
        body.put("id", Long.toString(started.id()));
        body.put("total", started.total());
        ctx.status(202).json(body);
    }

    /** The scope a file needs, as Mastodon's scopes split the lists it holds. */
    static String scope(String access, CsvKind kind) {
        return access + ":" + switch (kind) {
            case FOLLOWING, FOLLOWERS -> "follows";
            case LISTS -> "lists";
            case BLOCKS, DOMAIN_BLOCKS -> "blocks";
            case MUTES -> "mutes";
            case BOOKMARKS -> "bookmarks";
        };
    }
}
