package social.atoll.web.settings;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.Set;
import social.atoll.core.common.ValidationException;
import social.atoll.core.instagram.ImportException;
import social.atoll.core.instagram.InstagramImporter;
import social.atoll.core.status.Visibility;
import social.atoll.server.Controller;
import social.atoll.server.Uploads;
import social.atoll.web.BrowserSessions;
import social.atoll.web.Pages;

/**
 * {@code /settings/import/instagram}: upload one's Instagram export (the ZIP Instagram sends), which the same durable
 * job as {@code ./atoll import instagram} imports; the page shows each import's progress (htmx asks for the list again
 * every two seconds while one runs) and, once it ended, its report. A notification says when it has ended. A refused
 * archive (not a ZIP, an HTML export, a path escaping the folder, too large unpacked…) comes back as a readable
 * error, with nothing imported.
 */
public final class InstagramImportSettings implements Controller {

    static final String PATH = "/settings/import/instagram";
    private static final int LISTED = 10;
    private static final int NOTES = 100;

    /** One import: posts done of all, and once ended what it imported and skipped (the report's notes, the first 100). */
    public record Row(long id, String state, int done, int total, int percent, String error, int imported, int media, int skipped,
                      List<String> notes, int moreNotes) {
        public boolean running() { return "running".equals(state); }
    }

    public record View(String notice, String error, String visibility, boolean announce, List<Row> imports) {
        public boolean anyRunning() { return imports.stream().anyMatch(Row::running); }
    }

    private final SettingsSupport support;
    private final Pages pages;
    private final InstagramImporter importer;

    public InstagramImportSettings(BrowserSessions browsers, Pages pages, InstagramImporter importer) {
        this.support = new SettingsSupport(browsers, pages);
        this.pages = pages;
        this.importer = importer;
    }

    @Override
    public void routes(RoutesConfig r) {
        r.get(PATH, this::show);
        r.get(PATH + "/imports", this::fragment);
        r.post(PATH, this::start);
    }

    private void show(Context ctx) {
        var me = support.viewer(ctx);
        if (me.isEmpty()) return;
        render(ctx, 200, view(me.get().account().id(), SettingsSupport.notice(ctx, Set.of("instagram_started")), null, "public", false));
    }

    /** The list of imports alone, which the page asks for again while one runs. */
    private void fragment(Context ctx) {
        var me = support.viewer(ctx);
        if (me.isEmpty()) return;
        ctx.header("Cache-Control", "private, no-store").contentType("text/html; charset=utf-8");
        ctx.result(pages.fragment("settings/instagram_imports.jte", pages.fragmentPage(ctx),
                view(me.get().account().id(), null, null, "public", false)));
    }

    private void start(Context ctx) {
        var me = support.poster(ctx);
        if (me.isEmpty()) return;
        long accountId = me.get().account().id();
        String vis = ctx.formParam("visibility") == null ? "public" : ctx.formParam("visibility");
        boolean announce = "on".equals(ctx.formParam("announce"));
        Visibility visibility = switch (vis) {
            case "public", "unlisted", "private" -> Visibility.parseRequested(vis).orElse(Visibility.PUBLIC);
            default -> null;
        };
        String error = null;
        if (visibility == null) error = pages.messages().get("instagram.bad_visibility");
        else {
            try (Uploads uploads = new Uploads()) {
                var file = uploads.get(ctx, "export");
                if (file == null || file.size() == 0) error = pages.messages().get("instagram.no_file");
                else importer.start(accountId, file.file(), new InstagramImporter.Options(visibility, announce), false);
            } catch (ImportException | ValidationException e) {
                error = pages.messages().get("instagram.refused", e.getMessage());
            }
        }
        if (error != null) {
            render(ctx, 422, view(accountId, null, error, vis, announce));
            return;
        }
        SettingsSupport.done(ctx, PATH, "instagram_started");
    }

    private View view(long accountId, String notice, String error, String visibility, boolean announce) {
        List<Row> rows = importer.imports(accountId, LISTED).stream().map(i -> {
            var p = importer.progress(i.id()).orElseThrow();
            int percent = p.total() == 0 ? 100 : (int) (p.done() * 100L / p.total());
            if (!p.finished()) return new Row(i.id(), i.state(), p.done(), p.total(), percent, null, 0, 0, 0, List.of(), 0);
            var report = importer.report(i.id());
            List<String> notes = report.notes();
            return new Row(i.id(), i.state(), p.done(), p.total(), percent, report.error(), report.postsImported(), report.mediaImported(),
                    report.skipped(), notes.size() > NOTES ? notes.subList(0, NOTES) : notes, Math.max(0, notes.size() - NOTES));
        }).toList();
        return new View(notice, error, visibility, announce, rows);
    }

    private void render(Context ctx, int status, View view) {
        var page = pages.page(ctx, pages.messages().get("settings.instagram.title"), "settings");
        pages.render(ctx, status, "settings/instagram.jte", page, view);
    }
}
