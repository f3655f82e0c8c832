package social.atoll.web.app;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import social.atoll.core.common.NotFoundException;
import social.atoll.core.common.ValidationException;
import social.atoll.core.filter.Filter;
import social.atoll.core.filter.FilterService;
import social.atoll.server.Controller;
import social.atoll.web.BrowserSessions;
import social.atoll.web.Pages;
import social.atoll.web.WebPage;
import social.atoll.web.view.FiltersView;
import social.atoll.web.view.Times;

/**
 * Content filters (v2) in the app, with the same {@link FilterService} as {@code /api/v2/filters}: {@code /filters}
 * lists them, {@code /filters/new} and {@code /filters/{id}/edit} show the form (title, keywords with whole-word
 * matching, contexts, warn or hide, expiry), and the POSTs create, update and delete. A keyword left empty is
 * removed; two empty rows are always there for new ones.
 */
public final class FilterPages implements Controller {

    private static final int BLANK_ROWS = 2;

    private final BrowserSessions sessions;
    private final Pages pages;
    private final FilterService filters;

    public FilterPages(BrowserSessions sessions, Pages pages, FilterService filters) {
        this.sessions = sessions;
        this.pages = pages;
        this.filters = filters;
    }

    @Override
    public void routes(RoutesConfig r) {
        r.get("/filters", this::index);
        r.get("/filters/new", ctx -> {
            if (sessions.requireSignedIn(ctx).isEmpty()) return;
            List<FiltersView.Keyword> rows = new ArrayList<>();
            for (int i = 0; i < BLANK_ROWS + 1; i++) rows.add(new FiltersView.Keyword(null, "", true));
            form(ctx, 200, new FiltersView.Form(null, "", List.of("home", "notifications", "public", "thread"), "warn", null, rows, null));
        });
        r.get("/filters/{id}/edit", ctx -> {
            var me = sessions.requireSignedIn(ctx);
            if (me.isEmpty()) return;
            Filter f = own(ctx, me.get().account().id());
            if (f != null) form(ctx, 200, form(f, null));
        });
        r.post("/web/filters", this::create);
        r.post("/web/filters/{id}", this::update);
        r.post("/web/filters/{id}/delete", ctx -> {
            var me = Forms.signedInWithCsrf(ctx, sessions, pages);
            if (me.isEmpty()) return;
            Filter f = own(ctx, me.get());
            if (f == null) return;
            filters.delete(me.get(), f.id());
            ctx.redirect("/filters", io.javalin.http.HttpStatus.SEE_OTHER);
        });
    }

    private void index(Context ctx) {
        var me = sessions.requireSignedIn(ctx);
        if (me.isEmpty()) return;
        Instant now = Instant.now();
        List<FiltersView.Row> rows = filters.all(me.get().account().id()).stream().map(f -> new FiltersView.Row(Long.toString(f.id()),
                f.title(), f.contexts(), f.action(), f.expiresAt() == null ? null : Times.full(f.expiresAt()),
                f.expiresAt() != null && f.expiresAt().isBefore(now), f.keywords().stream().map(Filter.Keyword::keyword).toList())).toList();
        WebPage page = pages.page(ctx, pages.messages().get("filters.title"), "filters");
        pages.render(ctx, 200, "app/filters.jte", page, new FiltersView.Index(rows));
    }

    private void create(Context ctx) {
        var me = Forms.signedInWithCsrf(ctx, sessions, pages);
        if (me.isEmpty()) return;
        try {
            List<FilterService.KeywordChange> keywords = new ArrayList<>();
            for (FiltersView.Keyword k : submittedKeywords(ctx))
                if (!k.keyword().isBlank()) keywords.add(new FilterService.KeywordChange(null, k.keyword(), k.wholeWord(), false));
            String expiry = ctx.formParam("expires_in");
            filters.create(me.get(), new FilterService.Input(title(ctx), ctx.formParams("context"), ctx.formParam("filter_action"),
                    new FilterService.Expiry(seconds(expiry)), keywords));
            ctx.redirect("/filters", io.javalin.http.HttpStatus.SEE_OTHER);
        } catch (ValidationException e) {
            form(ctx, 422, resubmitted(ctx, null, e.getMessage()));
        }
    }

    private void update(Context ctx) {
        var me = Forms.signedInWithCsrf(ctx, sessions, pages);
        if (me.isEmpty()) return;
        Filter f = own(ctx, me.get());
        if (f == null) return;
        try {
            List<FilterService.KeywordChange> keywords = new ArrayList<>();
            for (FiltersView.Keyword k : submittedKeywords(ctx)) {
                Long id = k.id() == null ? null : TimelinePages.id(k.id());
                if (id != null) keywords.add(new FilterService.KeywordChange(id, k.keyword(), k.wholeWord(), k.keyword().isBlank()));
                else if (!k.keyword().isBlank()) keywords.add(new FilterService.KeywordChange(null, k.keyword(), k.wholeWord(), false));
            }
            String expiry = ctx.formParam("expires_in");
            FilterService.Expiry e = expiry == null || expiry.equals("keep") ? null : new FilterService.Expiry(seconds(expiry));
            filters.update(me.get(), f.id(), new FilterService.Input(title(ctx), ctx.formParams("context"), ctx.formParam("filter_action"),
                    e, keywords));
            ctx.redirect("/filters", io.javalin.http.HttpStatus.SEE_OTHER);
        } catch (ValidationException e) {
            form(ctx, 422, resubmitted(ctx, Long.toString(f.id()), e.getMessage()));
        }
    }

    private void form(Context ctx, int status, FiltersView.Form form) {
        WebPage page = pages.page(ctx, form.creating() ? pages.messages().get("filters.new") : form.title(), "filters");
        pages.render(ctx, status, "app/filter_form.jte", page, form);
    }

    private static FiltersView.Form form(Filter f, String error) {
        List<FiltersView.Keyword> rows = new ArrayList<>();
        for (Filter.Keyword k : f.keywords()) rows.add(new FiltersView.Keyword(Long.toString(k.id()), k.keyword(), k.wholeWord()));
        for (int i = 0; i < BLANK_ROWS; i++) rows.add(new FiltersView.Keyword(null, "", true));
        return new FiltersView.Form(Long.toString(f.id()), f.title(), f.contexts(), f.action(),
                f.expiresAt() == null ? null : Times.full(f.expiresAt()), rows, error);
    }

    /** The form as it was sent, to show again with why it was refused. */
    private static FiltersView.Form resubmitted(Context ctx, String id, String error) {
        return new FiltersView.Form(id, title(ctx), ctx.formParams("context"), ctx.formParam("filter_action"), null, submittedKeywords(ctx), error);
    }

    private static List<FiltersView.Keyword> submittedKeywords(Context ctx) {
        Long count = TimelinePages.id(ctx.formParam("kw_count"));
        List<FiltersView.Keyword> out = new ArrayList<>();
        for (int i = 0; count != null && i < Math.min(count, 200); i++) {
            String text = ctx.formParam("kw_" + i);
            out.add(new FiltersView.Keyword(ctx.formParam("kw_id_" + i), text == null ? "" : text, "true".equals(ctx.formParam("kw_whole_" + i))));
        }
        return out;
    }

    private static String title(Context ctx) { return ctx.formParam("title") == null ? "" : ctx.formParam("title"); }

    /** The expiry choice: blank is never; anything else a number of seconds (the core refuses what is not positive). */
    private static Long seconds(String s) {
        if (s == null || s.isBlank()) return null;
        Long v = TimelinePages.id(s);
        if (v == null) throw new ValidationException("Expires in is not a number");
        return v;
    }

    /** The reader's filter named by the path, or null after a 404 page. */
    private Filter own(Context ctx, long viewer) {
        try {
            Long id = TimelinePages.id(ctx.pathParam("id"));
            if (id == null) throw new NotFoundException("filter");
            return filters.get(viewer, id);
        } catch (NotFoundException e) {
            Forms.notFound(ctx, pages);
            return null;
        }
    }
}
