package social.atoll.web.site;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import social.atoll.api.entity.StatusEntity;
import social.atoll.api.entity.StatusViews;
import social.atoll.config.Settings;
import social.atoll.core.account.Account;
import social.atoll.core.account.AccountQueries;
import social.atoll.core.common.NotFoundException;
import social.atoll.core.status.Status;
import social.atoll.core.status.StatusEdit;
import social.atoll.core.status.StatusEditService;
import social.atoll.core.status.StatusQueries;
import social.atoll.core.status.Visibility;
import social.atoll.server.ApiException;
import social.atoll.server.Controller;
import social.atoll.web.BrowserSessions;
import social.atoll.web.Pages;
import social.atoll.web.WebPage;
import social.atoll.web.view.EmbedView;
import social.atoll.web.view.StatusCard;
import social.atoll.web.view.StatusPageView;
import social.atoll.web.view.Times;

/**
 * A post's page ({@code /@alice/123}, reached through {@link social.atoll.web.PublicPages}; a stored remote post at
 * {@code /@bob@example.org/456}): the post in detail, the thread the reader may see, earlier versions. Also the
 * embeddable form of a public post ({@code /@alice/123/embed}, the one page other sites may frame) and Mastodon's
 * oEmbed endpoint ({@code /api/oembed?url=…}) that describes it.
 */
public final class StatusPages implements Controller {

    private static final int EMBED_WIDTH = 400;

    private final Settings settings;
    private final BrowserSessions sessions;
    private final Pages pages;
    private final AccountQueries accounts;
    private final StatusQueries statuses;
    private final StatusViews views;
    private final StatusEditService edits;
    /** The thread, and the fetching of its missing replies (complete threads). */
    private final social.atoll.core.thread.ThreadCompletion threads;

    public StatusPages(Settings settings, BrowserSessions sessions, Pages pages, AccountQueries accounts, StatusQueries statuses,
                       StatusViews views, StatusEditService edits, social.atoll.core.thread.ThreadCompletion threads) {
        this.threads = threads;
        this.settings = settings;
        this.sessions = sessions;
        this.pages = pages;
        this.accounts = accounts;
        this.statuses = statuses;
        this.views = views;
        this.edits = edits;
    }

    @Override
    public void routes(RoutesConfig r) {
        r.get("/@{acct}/{id}/embed", this::embed);
        r.get("/api/oembed", this::oembed);
    }

    /**
     * The page of post {@code id} by {@code @username@domain} (domain null: local) when this reader may see it; a
     * boost has no page of its own and sends to the boosted post.
     */
    public void page(Context ctx, String username, String domain, long id) {
        Long viewer = sessions.current(ctx).map(x -> x.account().id()).orElse(null);
        if (domain != null && domain.equalsIgnoreCase(settings.domain())) domain = null;
        Account author = accounts.visibleByAcct(username, domain).orElseThrow(() -> new NotFoundException("account"));
        Status s = statuses.visibleById(viewer, id).filter(x -> x.accountId() == author.id())
                .orElseThrow(() -> new NotFoundException("status"));
        if (s.isReblog()) {
            Status original = statuses.visibleById(viewer, s.reblogOfId()).orElseThrow(() -> new NotFoundException("status"));
            StatusEntity e = views.render(original, viewer);
            ctx.redirect("/@" + e.account().acct() + "/" + e.id(), io.javalin.http.HttpStatus.FOUND);
            return;
        }
        show(ctx, author, s, viewer);
    }

    private void show(Context ctx, Account author, Status s, Long viewer) {
        var t = pages.messages();
        Instant now = Instant.now();
        String viewerId = viewer == null ? null : viewer.toString();
        var thread = threads.context(viewer, s.id()).orElse(new StatusQueries.Thread(List.of(), List.of()));
        // the post and its thread rendered in one batch: one set of queries for authors, media, polls and flags
        List<Status> all = new ArrayList<>(1 + thread.ancestors().size() + thread.descendants().size());
        all.add(s);
        all.addAll(thread.ancestors());
        all.addAll(thread.descendants());
        // (a "hide" filter drops posts from the answer: the thread keeps what is left, the post itself always shows)
        java.util.Map<String, StatusCard> byId = new java.util.HashMap<>();
        for (StatusCard c : StatusCard.all(views.renderAll(all, viewer, "thread"), viewerId, now, t)) byId.put(c.actionId(), c);
        StatusCard card = byId.containsKey(Long.toString(s.id())) ? byId.get(Long.toString(s.id()))
                : StatusCard.from(views.render(s, viewer), viewerId, now, t);
        List<StatusCard> ancestors = thread.ancestors().stream().map(a -> byId.get(Long.toString(a.id()))).filter(java.util.Objects::nonNull).toList();
        List<StatusCard> descendants = thread.descendants().stream().map(d -> byId.get(Long.toString(d.id()))).filter(java.util.Objects::nonNull).toList();
        List<StatusPageView.Version> versions = new ArrayList<>();
        if (s.editedAt() != null) {
            for (StatusEdit e : edits.history(s))
                versions.add(new StatusPageView.Version(e.createdAt().toString(), Times.full(e.createdAt()),
                        e.spoilerText() == null ? "" : e.spoilerText(), e.content() == null ? "" : e.content(), e.sensitive()));
        }
        String name = card.author().displayName();
        String text = card.hasSpoiler() ? card.spoilerText() : Text.plain(card.contentHtml(), 200);
        String image = card.media().stream().filter(m -> m.image() && !card.hideMedia()).map(StatusCard.Media::preview).findFirst()
                .orElse(card.author().avatar());
        WebPage page = pages.page(ctx, t.get("status.page_title", name, text == null ? "" : Text.plain(text, 60)), null);
        page = page.withHead(new WebPage.Head(page.head().title(), settings.url(card.permalink()), text, image, "article",
                null, s.local() ? s.uri() : null, !author.local() || !author.indexable()));
        pages.render(ctx, 200, "web/status.jte", page, new StatusPageView(card, ancestors, descendants, versions));
    }

    /** {@code /@alice/123/embed}: a public or unlisted post, for other sites to frame. */
    private void embed(Context ctx) {
        Status s = embeddable(ctx.pathParam("acct"), ctx.pathParam("id")).orElseThrow(() -> new NotFoundException("status"));
        StatusCard card = StatusCard.from(views.render(s, null), null, Instant.now(), pages.messages());
        WebPage p = pages.page(ctx, card.author().displayName(), null);
        // no one is signed in inside a frame: no action forms for a click-jacker to aim at
        WebPage anonymous = new WebPage(p.messages(), p.assets(), p.instance(), p.baseUrl(), null, "", p.theme(), null,
                new WebPage.Head(p.head().title(), settings.url(card.permalink()), null, null, "article", null, null, true), null);
        pages.renderEmbeddable(ctx, 200, "web/embed.jte", anonymous, new EmbedView(card, settings.url(card.permalink())));
    }

    /** Mastodon's oEmbed answer for the URL of a public post here. */
    private void oembed(Context ctx) {
        String url = ctx.queryParam("url");
        Status s = url == null ? null : local(url).orElse(null);
        if (s == null) throw new ApiException(404, "Record not found");
        StatusEntity e = views.render(s, null);
        int width = EMBED_WIDTH;
        String max = ctx.queryParam("maxwidth");
        if (max != null && max.matches("\\d{1,5}")) width = Math.max(250, Math.min(width, Integer.parseInt(max)));
        String page = settings.url("/@" + e.account().acct() + "/" + e.id());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "rich");
        body.put("version", "1.0");
        String name = e.account().displayName() == null || e.account().displayName().isBlank() ? e.account().username() : e.account().displayName();
        body.put("title", "New post by " + name);
        body.put("author_name", name);
        body.put("author_url", e.account().url());
        body.put("provider_name", settings.domain());
        body.put("provider_url", settings.baseUrl() + "/");
        body.put("cache_age", 86_400);
        body.put("html", "<iframe src=\"" + attr(page + "/embed") + "\" class=\"atoll-embed mastodon-embed\" style=\"max-width: 100%; border: 0\" width=\""
                + width + "\" allowfullscreen=\"allowfullscreen\"></iframe>");
        body.put("width", width);
        body.put("height", null);
        ctx.json(body);
    }

    /** The public or unlisted local post at {@code url} ({@code /@alice/123} or {@code /users/alice/statuses/123}). */
    private Optional<Status> local(String url) {
        URI u;
        try {
            u = URI.create(url.strip());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        URI base = URI.create(settings.baseUrl());
        if (u.getHost() == null || !u.getHost().equalsIgnoreCase(base.getHost()) || u.getRawPath() == null) return Optional.empty();
        String[] parts = u.getRawPath().split("/");
        if (parts.length == 3 && parts[1].startsWith("@")) return embeddable(parts[1].substring(1), parts[2]);
        if (parts.length == 5 && parts[1].equals("users") && parts[3].equals("statuses")) return embeddable(parts[2], parts[4]);
        return Optional.empty();
    }

    private Optional<Status> embeddable(String acct, String idText) {
        Long id = ProfilePages.id(idText);
        if (id == null || acct.contains("@")) return Optional.empty();
        Optional<Account> author = accounts.visibleByAcct(acct, null).filter(a -> !a.suspended());
        if (author.isEmpty()) return Optional.empty();
        return statuses.visibleById(null, id).filter(s -> s.accountId() == author.get().id() && s.local() && !s.isReblog()
                && (s.visibilityEnum() == Visibility.PUBLIC || s.visibilityEnum() == Visibility.UNLISTED));
    }

    private static String attr(String s) { return s.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;"); }
}
