package social.atoll.web.admin;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import social.atoll.core.common.NotFoundException;
import social.atoll.core.common.ValidationException;
import social.atoll.core.emoji.CustomEmoji;
import social.atoll.core.emoji.CustomEmojiService;
import social.atoll.core.moderation.Permission;
import social.atoll.core.moderation.StaffAccess;
import social.atoll.server.Controller;
import social.atoll.web.BrowserSessions;
import social.atoll.web.Pages;

/**
 * {@code /admin/custom_emojis}: the server's custom emoji — upload one (processed like any image: PNG, GIF or WebP,
 * 256 KB), change its category, show or hide it in pickers, delete it. Staff whose role holds
 * {@code manage_custom_emojis} only; the same service as {@code atoll admin emoji}.
 */
public final class AdminEmojiPages implements Controller {

    static final String PATH = "/admin/custom_emojis";
    private static final Set<String> NOTICES = Set.of("added", "saved", "deleted");

    /** One emoji as the list shows it. */
    public record Row(String shortcode, String url, String category, boolean visibleInPicker) {}

    public record View(List<AdminNav.Entry> nav, List<Row> emojis, String shortcode, String category, String notice, String error) {}

    private final AdminSupport support;
    private final Pages pages;
    private final CustomEmojiService emojis;

    public AdminEmojiPages(BrowserSessions sessions, Pages pages, CustomEmojiService emojis) {
        this.support = new AdminSupport(sessions, pages);
        this.pages = pages;
        this.emojis = emojis;
    }

    @Override
    public void routes(RoutesConfig r) {
        r.get(PATH, this::show);
        r.post(PATH, this::add);
        r.post(PATH + "/{shortcode}", this::update);
        r.post(PATH + "/{shortcode}/delete", this::delete);
    }

    private Optional<AdminSupport.Staff> allowed(Context ctx, Optional<AdminSupport.Staff> s) {
        if (s.isEmpty()) return s;
        if (!StaffAccess.can(s.get().actor(), Permission.MANAGE_CUSTOM_EMOJIS)) {
            var t = pages.messages();
            pages.message(ctx, 403, t.get("admin.forbidden.title"), t.get("admin.emoji.forbidden"), null);
            return Optional.empty();
        }
        return s;
    }

    private void show(Context ctx) {
        var s = allowed(ctx, support.viewer(ctx));
        if (s.isEmpty()) return;
        String n = ctx.queryParam("notice");
        render(ctx, 200, s.get(), "", "", n != null && NOTICES.contains(n) ? "admin.emoji." + n : null, null);
    }

    private void render(Context ctx, int status, AdminSupport.Staff s, String shortcode, String category, String notice, String error) {
        List<Row> rows = emojis.local().stream().map(e -> new Row(e.shortcode(), emojis.urls(e).url(),
                e.category() == null ? "" : e.category(), e.visibleInPicker())).toList();
        pages.render(ctx, status, "admin/custom_emojis.jte", support.page(ctx, "emoji"),
                new View(AdminSupport.nav(s), rows, shortcode, category, notice, error));
    }

    private void add(Context ctx) {
        var s = allowed(ctx, support.poster(ctx));
        if (s.isEmpty()) return;
        String shortcode = AdminSupport.form(ctx, "shortcode").strip();
        String category = AdminSupport.form(ctx, "category").strip();
        UploadedFile file = ctx.uploadedFile("image");
        try {
            if (file == null || file.size() == 0) throw new ValidationException("Image can't be blank");
            if (file.size() > CustomEmojiService.MAX_BYTES) throw new ValidationException("Image file size must be less than 256 KB");
            byte[] data;
            try (InputStream in = file.content()) {
                data = in.readNBytes(CustomEmojiService.MAX_BYTES + 1);
            }
            emojis.add(s.get().actor(), shortcode, data, category);
        } catch (ValidationException e) {
            render(ctx, 422, s.get(), shortcode, category, null, e.getMessage());
            return;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        AdminSupport.done(ctx, PATH, "added");
    }

    private void update(Context ctx) {
        var s = allowed(ctx, support.poster(ctx));
        if (s.isEmpty()) return;
        try {
            emojis.update(s.get().actor(), ctx.pathParam("shortcode"), AdminSupport.form(ctx, "category"), AdminSupport.checked(ctx, "visible_in_picker"));
        } catch (NotFoundException e) {
            notFound(ctx);
            return;
        } catch (ValidationException e) {
            render(ctx, 422, s.get(), "", "", null, e.getMessage());
            return;
        }
        AdminSupport.done(ctx, PATH, "saved");
    }

    private void delete(Context ctx) {
        var s = allowed(ctx, support.poster(ctx));
        if (s.isEmpty()) return;
        try {
            emojis.remove(s.get().actor(), ctx.pathParam("shortcode"));
        } catch (NotFoundException e) {
            notFound(ctx);
            return;
        }
        AdminSupport.done(ctx, PATH, "deleted");
    }

    private void notFound(Context ctx) {
        var t = pages.messages();
        pages.message(ctx, 404, t.get("compose.not_found_title"), t.get("compose.not_found"), null);
    }

    static String label(CustomEmoji e) { return ":" + e.shortcode() + ":"; }
}
