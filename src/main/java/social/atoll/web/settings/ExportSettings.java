package social.atoll.web.settings;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import social.atoll.core.archive.ArchiveExporter;
import social.atoll.core.archive.ArchiveImporter;
import social.atoll.core.common.NotFoundException;
import social.atoll.core.common.ValidationException;
import social.atoll.core.instagram.ImportException;
import social.atoll.server.Uploads;
import social.atoll.core.portability.CsvExports;
import social.atoll.core.portability.CsvImports;
import social.atoll.core.portability.CsvKind;
import social.atoll.core.portability.PortabilityStore;
import social.atoll.server.Controller;
import social.atoll.web.BrowserSessions;
import social.atoll.web.Pages;
import social.atoll.web.view.Times;

/**
 * {@code /settings/export}: one's follows, followers, lists, blocks, mutes, domain blocks and bookmarks as Mastodon's
 * CSV files, and the import of such files (merge or overwrite), whose progress and failed lines show here while the
 * import's job applies them.
 */
public final class ExportSettings implements Controller {

    static final String PATH = "/settings/export";

    /** A file one can download: its kind, and how many entries it holds where the page knows. */
    public record Download(String slug, String fileName, Integer count) {}

    public record ImportRow(long id, String kind, boolean overwrite, String state, int total, int done, int failed, int percent,
                            String when, String whenIso, List<CsvImports.FailedRow> failures) {
        public boolean running() { return "running".equals(state); }
    }

    /** An archive for download: done ones carry their size and the day they go. */
    public record ArchiveRow(long id, String state, String size, String when, String whenIso, String expires) {
        public boolean done() { return "done".equals(state); }
    }

    /** An archive import: its posts done out of all, and the report's notes once it ended. */
    public record ArchiveImportRow(long id, String state, int done, int total, int percent, String error, List<String> notes) {
        public boolean running() { return "running".equals(state); }
    }

    public record View(String notice, String error, List<Download> downloads, List<String> importTypes, String chosenType,
                       boolean overwrite, List<ImportRow> imports, List<ArchiveRow> archives, List<ArchiveImportRow> archiveImports) {
        public boolean anyRunning() {
            return imports.stream().anyMatch(ImportRow::running) || archiveImports.stream().anyMatch(ArchiveImportRow::running)
                    || archives.stream().anyMatch(a -> "running".equals(a.state()));
        }
    }

    private final SettingsSupport support;
    private final Pages pages;
    private final CsvExports exports;
    private final CsvImports imports;
    private final ArchiveExporter archives;
    private final ArchiveImporter archiveImports;

    public ExportSettings(BrowserSessions browsers, Pages pages, CsvExports exports, CsvImports imports, ArchiveExporter archives,
                          ArchiveImporter archiveImports) {
        this.support = new SettingsSupport(browsers, pages);
        this.pages = pages;
        this.exports = exports;
        this.imports = imports;
        this.archives = archives;
        this.archiveImports = archiveImports;
    }

    @Override
    public void routes(RoutesConfig r) {
        r.get(PATH, this::show);
        r.get(PATH + "/imports", this::importsFragment);
        r.get(PATH + "/{file}", this::download);
        r.post(PATH + "/import", this::startImport);
        r.post(PATH + "/archive", this::requestArchive);
        r.get(PATH + "/archives/{file}", this::downloadArchive);
        r.post(PATH + "/archive/import", this::importArchive);
    }

    private void requestArchive(Context ctx) {
        var me = support.poster(ctx);
        if (me.isEmpty()) return;
        archives.request(me.get().account().id());
        SettingsSupport.done(ctx, PATH, "archive_requested");
    }

    private void downloadArchive(Context ctx) {
        var me = support.viewer(ctx);
        if (me.isEmpty()) return;
        String name = ctx.pathParam("file");
        long id;
        try {
            id = Long.parseLong(name.endsWith(".zip") ? name.substring(0, name.length() - 4) : "x");
        } catch (NumberFormatException e) {
            id = -1;
        }
        try {
            InputStream in = archives.open(me.get().account().id(), id);
            ctx.contentType("application/zip");
            ctx.header("Content-Disposition", "attachment; filename=\"archive-" + id + ".zip\"");
            ctx.header("Cache-Control", "private, no-store");
            ctx.result(in);
        } catch (NotFoundException e) {
            pages.message(ctx, 404, pages.messages().get("settings.export.missing"), pages.messages().get("settings.export.missing"), null);
        }
    }

    private void importArchive(Context ctx) {
        var me = support.poster(ctx);
        if (me.isEmpty()) return;
        long accountId = me.get().account().id();
        String error;
        try (Uploads uploads = new Uploads()) {
            var file = uploads.get(ctx, "archive");
            if (file == null) error = pages.messages().get("settings.export.import.no_file");
            else {
                archiveImports.start(accountId, file.file(), new ArchiveImporter.Options("on".equals(ctx.formParam("include_direct"))));
                error = null;
            }
        } catch (ImportException e) {
            error = pages.messages().get("settings.export.archive.refused", e.getMessage());
        }
        if (error != null) {
            render(ctx, 422, view(accountId, null, error, null, false));
            return;
        }
        SettingsSupport.done(ctx, PATH, "archive_import_started");
    }

    private void show(Context ctx) {
        var me = support.viewer(ctx);
        if (me.isEmpty()) return;
        render(ctx, 200, view(me.get().account().id(),
                SettingsSupport.notice(ctx, Set.of("import_started", "archive_requested", "archive_import_started")), null, null, false));
    }

    /** The list of imports alone, which the page asks for again while one is running (htmx). */
    private void importsFragment(Context ctx) {
        var me = support.viewer(ctx);
        if (me.isEmpty()) return;
        var page = pages.fragmentPage(ctx);
        ctx.contentType("text/html; charset=utf-8");
        ctx.result(pages.fragment("settings/export_imports.jte", page, view(me.get().account().id(), null, null, null, false)));
    }

    private void download(Context ctx) {
        var me = support.viewer(ctx);
        if (me.isEmpty()) return;
        String name = ctx.pathParam("file");
        CsvKind kind = name.endsWith(".csv") ? CsvKind.bySlug(name.substring(0, name.length() - 4)).orElse(null) : null;
        if (kind == null || !kind.fileName().equals(name)) {
            pages.message(ctx, 404, pages.messages().get("settings.export.missing"), pages.messages().get("settings.export.missing"), null);
            return;
        }
        ctx.contentType("text/csv; charset=utf-8");
        ctx.header("Content-Disposition", "attachment; filename=\"" + kind.fileName() + "\"");
        ctx.header("Cache-Control", "no-store");
        ctx.result(exports.csv(me.get().account().id(), kind));
    }

    private void startImport(Context ctx) {
        var me = support.poster(ctx);
        if (me.isEmpty()) return;
        long accountId = me.get().account().id();
        String type = ctx.formParam("type");
        boolean overwrite = "overwrite".equals(ctx.formParam("mode"));
        CsvKind kind = CsvKind.bySlug(type).filter(CsvKind::importable).orElse(null);
        UploadedFile file = ctx.uploadedFile("data");
        String error = null;
        if (kind == null) error = pages.messages().get("settings.export.import.no_type");
        else if (file == null || file.size() == 0) error = pages.messages().get("settings.export.import.no_file");
        if (error == null) {
            try (InputStream in = file.content()) {
                imports.start(accountId, kind, overwrite, in.readAllBytes());
            } catch (ValidationException e) {
                error = pages.messages().get("settings.export.import.refused", e.getMessage());
            } catch (IOException e) {
                error = pages.messages().get("settings.export.import.refused", e.getMessage());
            }
        }
        if (error != null) {
            render(ctx, 422, view(accountId, null, error, type, overwrite));
            return;
        }
        SettingsSupport.done(ctx, PATH, "import_started");
    }

    private View view(long accountId, String notice, String error, String chosenType, boolean overwrite) {
        PortabilityStore.Stats s = exports.stats(accountId);
        List<Download> downloads = Arrays.stream(CsvKind.values()).map(k -> new Download(k.slug(), k.fileName(), switch (k) {
            case FOLLOWING -> s.following();
            case FOLLOWERS -> s.followers();
            case LISTS -> s.lists();
            case BLOCKS -> s.blocks();
            case MUTES -> s.mutes();
            default -> null;
        })).toList();
        List<String> types = Arrays.stream(CsvKind.values()).filter(CsvKind::importable).map(CsvKind::slug).toList();
        var now = java.time.Instant.now();
        List<ImportRow> rows = imports.recent(accountId, 10).stream().map(i -> new ImportRow(i.id(), i.kind().slug(), i.overwrite(),
                i.state(), i.total(), i.done(), i.failed(), i.percent(), Times.relative(i.createdAt(), now, pages.messages()),
                i.createdAt().toString(), i.failures())).toList();
        List<ArchiveRow> archiveRows = archives.archives(accountId).stream().map(a -> new ArchiveRow(a.id(), a.state(),
                a.size() == null ? null : social.atoll.core.portability.ByteSizes.human(a.size()),
                Times.relative(java.time.Instant.ofEpochMilli(a.createdAt()), now, pages.messages()),
                java.time.Instant.ofEpochMilli(a.createdAt()).toString(),
                a.expiresAt() == null ? null : Times.full(java.time.Instant.ofEpochMilli(a.expiresAt())))).toList();
        List<ArchiveImportRow> archiveImportRows = archiveImports.imports(accountId).stream().map(i -> {
            var p = archiveImports.progress(i.id()).orElseThrow();
            List<String> notes = p.finished() ? archiveImports.report(i.id()).notes() : List.of();
            int percent = p.total() == 0 ? 100 : (int) (p.done() * 100L / p.total());
            return new ArchiveImportRow(i.id(), i.state(), p.done(), p.total(), percent, i.error(), notes.size() > 50 ? notes.subList(0, 50) : notes);
        }).toList();
        return new View(notice, error, downloads, types, chosenType == null ? "following" : chosenType, overwrite, rows, archiveRows,
                archiveImportRows);
    }

    private void render(Context ctx, int status, View view) {
        var page = pages.page(ctx, pages.messages().get("settings.export.title"), "settings");
        pages.render(ctx, status, "settings/export.jte", page, view);
    }
}
