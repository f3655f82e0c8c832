package social.atoll.web.site;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import social.atoll.api.entity.AccountEntity;
import social.atoll.api.entity.AccountViews;
import social.atoll.api.entity.StatusViews;
import social.atoll.config.Settings;
import social.atoll.core.circle.CircleService;
import social.atoll.core.account.Account;
import social.atoll.core.account.AccountQueries;
import social.atoll.core.common.ForbiddenException;
import social.atoll.core.common.IdRange;
import social.atoll.core.common.NotFoundException;
import social.atoll.core.common.Paged;
import social.atoll.core.common.ValidationException;
import social.atoll.core.follow.FollowOptions;
import social.atoll.core.follow.FollowService;
import social.atoll.core.relationship.AccountNoteService;
import social.atoll.core.relationship.BlockService;
import social.atoll.core.relationship.MuteService;
import social.atoll.core.relationship.Relationship;
import social.atoll.core.relationship.RelationshipLookup;
import social.atoll.core.status.AccountStatusFilter;
import social.atoll.core.status.Status;
import social.atoll.core.status.StatusQueries;
import social.atoll.server.Controller;
import social.atoll.web.BrowserSessions;
import social.atoll.web.Pages;
import social.atoll.web.SignInForm;
import social.atoll.web.WebPage;
import social.atoll.web.view.ProfileView;
import social.atoll.web.view.StatusCard;

/**
 * Profile pages: {@code /@alice} (through {@link social.atoll.web.PublicPages}, as ActivityPub serves the same URL),
 * its tabs {@code /@alice/with_replies} and {@code /@alice/media} (a square grid), remote accounts known here
 * ({@code /@bob@example.org}), and the account actions of the profile — follow, unfollow, mute, unmute, block,
 * unblock and the personal note, as forms ({@code POST /web/accounts/{id}/…}, CSRF-checked) that htmx swaps in place.
 * Who may see which posts is the core's rule ({@link StatusQueries#byAccount}).
 */
public final class ProfilePages implements Controller {

    static final int PAGE = 20;
    private static final java.time.format.DateTimeFormatter JOINED =
            java.time.format.DateTimeFormatter.ofPattern("MMMM yyyy", java.util.Locale.ENGLISH).withZone(java.time.ZoneOffset.UTC);

    private final Settings settings;
    private final BrowserSessions sessions;
    private final Pages pages;
    private final AccountQueries accounts;
    private final AccountViews accountViews;
    private final StatusQueries statuses;
    private final StatusViews views;
    private final RelationshipLookup relationships;
    private final FollowService follows;
    private final MuteService mutes;
    private final BlockService blocks;
    private final AccountNoteService notes;
    /** The reader's circles, offered on the profile of a follower ("add to circle"). */
    private final CircleService circles;

    public ProfilePages(Settings settings, BrowserSessions sessions, Pages pages, AccountQueries accounts, AccountViews accountViews,
                        StatusQueries statuses, StatusViews views, RelationshipLookup relationships, FollowService follows,
                        MuteService mutes, BlockService blocks, AccountNoteService notes, CircleService circles) {
        this.circles = circles;
        this.settings = settings;
        this.sessions = sessions;
        this.pages = pages;
        this.accounts = accounts;
        this.accountViews = accountViews;
        this.statuses = statuses;
        this.views = views;
        this.relationships = relationships;
        this.follows = follows;
        this.mutes = mutes;
        this.blocks = blocks;
        this.notes = notes;
    }

    @Override
    public void routes(RoutesConfig r) {
        r.get("/@{acct}/with_replies", ctx -> tab(ctx, "with_replies"));
        r.get("/@{acct}/media", ctx -> tab(ctx, "media"));
        r.post("/web/accounts/{id}/{action}", this::act);
    }

    /** The profile of {@code a}, on {@code tab}. */
    public void show(Context ctx, Account a, String tab) {
        Long viewer = sessions.current(ctx).map(s -> s.account().id()).orElse(null);
        AccountEntity e = accountViews.render(a);
        String base = "/@" + a.acct();
        WebPage page = pages.page(ctx, name(e) + " (@" + handle(a) + ")", viewer != null && viewer == a.id() ? "profile" : null);
        String description = a.suspended() ? null : Text.plain(e.note(), 200);
        page = page.withHead(new WebPage.Head(page.head().title(), settings.url(base + suffix(tab)), description, e.avatar(),
                "profile", a.local() && !a.suspended() ? settings.url(base + ".rss") : null, a.local() ? a.uri() : null,
                !a.local() || !a.indexable() || a.suspended()));
        ProfileView view = a.suspended() ? suspended(a, e, base, tab) : profile(ctx, a, e, base, tab, viewer);
        pages.render(ctx, 200, "web/profile.jte", page, view);
    }

    /** A remote account as stored here; a 404 page when this server does not know it. */
    public void remote(Context ctx, String username, String domain) {
        show(ctx, byAcct(username + "@" + domain), "posts");
    }

    private void tab(Context ctx, String tab) {
        show(ctx, byAcct(ctx.pathParam("acct")), tab);
    }

    private Account byAcct(String acct) {
        int at = acct.indexOf('@');
        String domain = at > 0 ? acct.substring(at + 1) : null;
        if (domain != null && domain.equalsIgnoreCase(settings.domain())) domain = null;
        String username = at > 0 ? acct.substring(0, at) : acct;
        String host = domain;
        // a deleted account's page is gone, not unknown: browsers get the 410 page, as from Mastodon
        return accounts.visibleByAcct(username, host).orElseThrow(() -> accounts.gone(username, host)
                ? new social.atoll.server.ApiException(410, "Gone") : new NotFoundException("account"));
    }

    private ProfileView suspended(Account a, AccountEntity e, String base, String tab) {
        return new ProfileView(e.id(), a.username(), a.acct(), handle(a), e.avatar(), e.header(), "", List.of(), false, false, null, 0, 0, 0,
                false, a.local(), true, e.url(), tab, base, List.of(), List.of(), List.of(), null, null, false, a.uri());
    }

    private ProfileView profile(Context ctx, Account a, AccountEntity e, String base, String tab, Long viewer) {
        var t = pages.messages();
        Instant now = Instant.now();
        String viewerId = viewer == null ? null : viewer.toString();
        IdRange range = new IdRange(id(ctx.queryParam("max_id")), null, null, PAGE);
        AccountStatusFilter filter = switch (tab) {
            case "with_replies" -> new AccountStatusFilter(false, false, false, false, null);
            case "media" -> new AccountStatusFilter(true, false, true, false, null);
            default -> new AccountStatusFilter(false, true, false, false, null);
        };
        Paged<Status> page = statuses.byAccount(viewer, a.id(), filter, range).orElse(Paged.empty());
        List<StatusCard> cards = StatusCard.all(views.renderAll(page.items(), viewer, "account"), viewerId, now, t);
        List<StatusCard> pinned = List.of();
        if ("posts".equals(tab) && range.maxId() == null) {
            var pins = statuses.byAccount(viewer, a.id(), new AccountStatusFilter(false, false, false, true, null), new IdRange(null, null, null, 5));
            if (pins.isPresent()) pinned = StatusCard.all(views.renderAll(pins.get().items(), viewer, "account"), viewerId, now, t);
        }
        List<ProfileView.Tile> tiles = new ArrayList<>();
        if ("media".equals(tab)) {
            for (StatusCard c : cards) {
                List<StatusCard.Media> shown = c.media().stream().filter(m -> m.image() || m.video()).toList();
                if (shown.isEmpty()) continue;
                StatusCard.Media first = shown.get(0);
                tiles.add(new ProfileView.Tile(c.permalink(), first.preview(), first.description(), first.video(), shown.size() > 1,
                        first.blurhash()));
            }
            cards = List.of();
        }
        String older = page.cursorIds().size() < PAGE ? null
                : base + suffix(tab) + "?max_id=" + page.cursorIds().get(page.cursorIds().size() - 1);
        List<ProfileView.Field> fields = new ArrayList<>();
        for (AccountEntity.Field f : e.fields())
            fields.add(new ProfileView.Field(f.name(), social.atoll.web.view.InlineEmoji.html(a.local() ? relMe(f.value()) : f.value(), e.emojis()),
                    f.verifiedAt() != null));
        boolean self = viewer != null && viewer == a.id();
        ProfileView.Relation relation = viewer == null || self ? null : relation(viewer, a.id());
        // custom emoji of the name, bio and fields show as images, as the account's emojis list them
        return new ProfileView(e.id(), name(e), a.acct(), handle(a), e.avatar(), e.header(),
                social.atoll.web.view.InlineEmoji.html(e.note(), e.emojis()), fields, a.bot(), a.locked(),
                a.createdAt() == null ? null : JOINED.format(a.createdAt()), a.statusesCount(),
                a.followersCount(), a.followingCount(), !a.hideCollections(), a.local(), false, e.url(), tab, base, pinned, cards, tiles,
                older, relation, self, a.uri(),
                e.moved() == null ? null : new ProfileView.Moved(movedHandle(e.moved().acct()), "/@" + e.moved().acct()),
                social.atoll.web.view.InlineEmoji.text(name(e), e.emojis()));
    }

    /** A moved-to account's full handle (a local one gets this server's domain). */
    private String movedHandle(String acct) { return acct.contains("@") ? acct : acct + "@" + settings.domain(); }

    private ProfileView.Relation relation(long viewer, long target) {
        Relationship r = relationships.of(viewer, target);
        // only followers can be in a circle: the menu shows for them alone
        List<ProfileView.CircleMark> marks = List.of();
        if (r.followedBy()) {
            var holding = circles.containing(viewer, target).stream().map(c -> c.id()).collect(java.util.stream.Collectors.toSet());
            marks = circles.all(viewer).stream()
                    .map(c -> new ProfileView.CircleMark(Long.toString(c.id()), c.title(), holding.contains(c.id()))).toList();
        }
        return new ProfileView.Relation(r.following(), r.requested(), r.followedBy(), r.muting(), r.blocking(), r.blockedBy(),
                r.note() == null ? "" : r.note(), marks);
    }

    /**
     * {@code POST /web/accounts/{id}/{follow|unfollow|mute|unmute|block|unblock|note}}: one core call, then the
     * profile again (303), or with htmx the action forms alone.
     */
    private void act(Context ctx) {
        if (!sessions.csrfValid(ctx)) throw new ForbiddenException("This form has expired; reload the page and try again");
        var me = sessions.requireSignedIn(ctx);
        if (me.isEmpty()) return;
        long viewer = me.get().account().id();
        Long targetId = id(ctx.pathParam("id"));
        if (targetId == null) throw new NotFoundException("account");
        Account target = accounts.visibleById(targetId).orElseThrow(() -> new NotFoundException("account"));
        if (target.id() == viewer) throw new ForbiddenException("This is your own account");
        switch (ctx.pathParam("action")) {
            case "follow" -> follows.follow(viewer, target.id(), FollowOptions.DEFAULTS);
            case "unfollow" -> follows.unfollow(viewer, target.id());
            case "mute" -> mutes.mute(viewer, target.id(), true, null);
            case "unmute" -> mutes.unmute(viewer, target.id());
            case "block" -> blocks.block(viewer, target.id());
            case "unblock" -> blocks.unblock(viewer, target.id());
            case "note" -> {
                String comment = ctx.formParam("comment");
                if (comment != null && comment.length() > AccountNoteService.MAX_LENGTH)
                    throw new ValidationException("The note is too long (at most " + AccountNoteService.MAX_LENGTH + " characters)");
                notes.set(viewer, target.id(), comment == null ? "" : comment);
            }
            default -> throw new NotFoundException("account");
        }
        if (ctx.header("HX-Request") != null) {
            WebPage page = pages.page(ctx, null, null);
            ProfileView view = new ProfileView(Long.toString(target.id()), target.username(), target.acct(), handle(target), null, null, "",
                    List.of(), false, target.locked(), null, 0, 0, 0, false, target.local(), false, null, "posts", "/@" + target.acct(),
                    List.of(), List.of(), List.of(), null, relation(viewer, target.id()), false, target.uri());
            ctx.header("Cache-Control", "private, no-store").contentType("text/html; charset=utf-8")
                    .result(pages.fragment("partials/profile_actions.jte", page, view));
            return;
        }
        String back = ctx.formParam("return_to");
        ctx.redirect(SignInForm.safeReturnTo(back) ? back : "/@" + target.acct(), io.javalin.http.HttpStatus.SEE_OTHER);
    }

    /** {@code user@domain}, the handle people type to find the account from another server. */
    String handle(Account a) { return a.username() + "@" + (a.local() ? settings.domain() : a.domain()); }

    static String name(AccountEntity e) { return e.displayName() == null || e.displayName().isBlank() ? e.username() : e.displayName(); }

    private static String suffix(String tab) { return "posts".equals(tab) ? "" : "/" + tab; }

    /** Links in a local profile's fields are the person's own pages: {@code rel="me"} lets those pages verify them. */
    private static String relMe(String html) {
        return html == null ? "" : html.replace("rel=\"nofollow noopener noreferrer\"", "rel=\"me nofollow noopener noreferrer\"")
                .replace("rel=\"nofollow noopener\"", "rel=\"me nofollow noopener\"");
    }

    static Long id(String s) {
        if (s == null || s.isBlank()) return null;
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static String encode(String s) { return URLEncoder.encode(s, StandardCharsets.UTF_8); }
}
