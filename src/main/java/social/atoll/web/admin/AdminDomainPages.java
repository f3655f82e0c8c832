package social.atoll.web.admin;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import social.atoll.config.Settings;
import social.atoll.core.common.ValidationException;
import social.atoll.core.moderation.DomainAllow;
import social.atoll.core.moderation.DomainBlock;
import social.atoll.core.moderation.DomainModeration;
import social.atoll.server.Controller;
import social.atoll.web.BrowserSessions;
import social.atoll.web.Pages;
import social.atoll.web.view.Times;

/**
 * {@code /admin/domains}: the domain blocks (add with severity, media and report rejection, comments and
 * obfuscation; remove) and, when the server runs in limited federation, the domain allows. Everything goes through
 * {@link DomainModeration} ({@code manage_federation}), which applies the block's effects and audits.
 */
public final class AdminDomainPages implements Controller {

    static final String PATH = "/admin/domains";
    static final List<String> SEVERITIES = List.of("silence", "suspend", "noop");

    /** The block form's values, kept when it is refused. */
    public record BlockForm(String domain, String severity, boolean rejectMedia, boolean rejectReports, String privateComment,
                            String publicComment, boolean obfuscate) {
        static final BlockForm EMPTY = new BlockForm("", "silence", false, false, "", "", false);
    }

    /** A block or allow as the lists show them. */
    public record Row(long id, String domain, String severity, boolean rejectMedia, boolean rejectReports, String privateComment,
                      String publicComment, boolean obfuscate, String createdAt, String createdText) {}

    public record View(List<AdminNav.Entry> nav, List<Row> blocks, boolean limitedFederation, List<Row> allows, BlockForm form,
                       String error, String allowDomain, String allowError, String notice) {}

    private final AdminSupport support;
    private final Pages pages;
    private final DomainModeration domains;
    private final Settings settings;

    public AdminDomainPages(BrowserSessions sessions, Pages pages, DomainModeration domains, Settings settings) {
        this.support = new AdminSupport(sessions, pages);
        this.pages = pages;
        this.domains = domains;
        this.settings = settings;
    }

    @Override
    public void routes(RoutesConfig r) {
        r.get(PATH, this::show);
        r.post(PATH, this::block);
        r.post(PATH + "/{id}/delete", this::unblock);
        r.post(PATH + "/allows", this::allow);
        r.post(PATH + "/allows/{id}/delete", this::disallow);
    }

    private void show(Context ctx) {
        var s = support.viewer(ctx);
        if (s.isEmpty()) return;
        render(ctx, 200, s.get(), BlockForm.EMPTY, null, "", null);
    }

    private void render(Context ctx, int status, AdminSupport.Staff s, BlockForm form, String error, String allowDomain, String allowError) {
        var t = pages.messages();
        java.time.Instant now = java.time.Instant.now();
        List<Row> blocks = domains.blocks(s.actor()).stream().map(b -> row(b, now)).toList();
        boolean limited = settings.federation().limitedFederation();
        List<Row> allows = limited ? domains.allows(s.actor()).stream().map((DomainAllow a) -> new Row(a.id(), a.domain(), null, false, false,
                null, null, false, a.createdAt().toString(), Times.relative(a.createdAt(), now, t))).toList() : List.of();
        pages.render(ctx, status, "admin/domains.jte", support.page(ctx, "domains"), new View(AdminSupport.nav(s), blocks, limited, allows, form,
                error, allowDomain, allowError, status == 200 ? AdminSupport.notice(ctx) : null));
    }

    private Row row(DomainBlock b, java.time.Instant now) {
        return new Row(b.id(), b.domain(), b.severity(), b.rejectMedia(), b.rejectReports(), b.privateComment(), b.publicComment(), b.obfuscate(),
                b.createdAt().toString(), Times.relative(b.createdAt(), now, pages.messages()));
    }

    private void block(Context ctx) {
        var s = support.poster(ctx);
        if (s.isEmpty()) return;
        String severity = AdminSupport.form(ctx, "severity");
        BlockForm form = new BlockForm(AdminSupport.form(ctx, "domain").strip(), SEVERITIES.contains(severity) ? severity : "silence",
                AdminSupport.checked(ctx, "reject_media"), AdminSupport.checked(ctx, "reject_reports"), AdminSupport.form(ctx, "private_comment"),
                AdminSupport.form(ctx, "public_comment"), AdminSupport.checked(ctx, "obfuscate"));
        try {
            domains.create(s.get().actor(), new DomainModeration.BlockRequest(form.domain(), form.severity(), form.rejectMedia(), form.rejectReports(),
                    form.privateComment(), form.publicComment(), form.obfuscate()));
        } catch (ValidationException e) {
            render(ctx, 422, s.get(), form, e.getMessage(), "", null);
            return;
        }
        AdminSupport.done(ctx, PATH, "blocked");
    }

    private void unblock(Context ctx) {
        var s = support.poster(ctx);
        if (s.isEmpty()) return;
        domains.delete(s.get().actor(), AdminSupport.id(ctx, "id"));
        AdminSupport.done(ctx, PATH, "unblocked");
    }

    private void allow(Context ctx) {
        var s = support.poster(ctx);
        if (s.isEmpty()) return;
        String domain = AdminSupport.form(ctx, "domain").strip();
        try {
            domains.createAllow(s.get().actor(), domain);
        } catch (ValidationException e) {
            render(ctx, 422, s.get(), BlockForm.EMPTY, null, domain, e.getMessage());
            return;
        }
        AdminSupport.done(ctx, PATH, "allowed");
    }

    private void disallow(Context ctx) {
        var s = support.poster(ctx);
        if (s.isEmpty()) return;
        domains.deleteAllow(s.get().actor(), AdminSupport.id(ctx, "id"));
        AdminSupport.done(ctx, PATH, "disallowed");
    }
}
