package social.atoll.api.entity;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import social.atoll.config.Settings;
import social.atoll.core.circle.Circle;
import social.atoll.core.circle.CircleService;
import social.atoll.core.status.Status;
import social.atoll.core.status.StatusRelations;
import social.atoll.core.status.StatusQueries;
import social.atoll.core.status.Visibility;

/**
 * Core statuses → Mastodon Status JSON. A whole page renders with a fixed number of queries: one for the boosted
 * statuses, one per related table (accounts, mentions, tags, applications) and one per viewer flag — never one per
 * status.
 */
public final class StatusViews {

    private final Settings settings;
    private final StatusQueries statuses;
    private final StatusRelations relations;
    private final AccountViews accounts;
    private final PollViews polls;
    private final MediaViews media;
    private final PreviewCardViews cards;
    /** The viewer's content filters: statuses rendered for a signed-in viewer carry their {@code filtered} results. */
    private final social.atoll.core.filter.StatusFilterMatcher filters;

    /** The circles the viewer's own statuses were shared with ("shared with: Family"). */
    private final CircleService circles;
    /** The custom emoji statuses name, and their emoji reactions. */
    private final EmojiViews emojis;
    private final social.atoll.core.emoji.ReactionService reactions;

    /** Quotes and quote policies (Mastodon 4.5's {@code quote}, {@code quote_approval}, {@code quotes_count}). */
    private final social.atoll.core.quote.QuoteService quotes;

    /** GoToSocial's interaction policies ({@code interaction_policy}, with the viewer's {@code me}). */
    private final social.atoll.core.interaction.InteractionPolicies interactionPolicies;

    public StatusViews(Settings settings, StatusQueries statuses, StatusRelations relations, AccountViews accounts, PollViews polls,
                       social.atoll.core.filter.StatusFilterMatcher filters, MediaViews media, PreviewCardViews cards,
                       CircleService circles, social.atoll.core.quote.QuoteService quotes, EmojiViews emojis,
                       social.atoll.core.emoji.ReactionService reactions,
                       social.atoll.core.interaction.InteractionPolicies interactionPolicies) {
        this.interactionPolicies = interactionPolicies;
        this.quotes = quotes;
        this.emojis = emojis;
        this.reactions = reactions;
        this.circles = circles;
        this.cards = cards;
        this.media = media;
        this.filters = filters;
        this.settings = settings;
        this.statuses = statuses;
        this.relations = relations;
        this.accounts = accounts;
        this.polls = polls;
    }

    public StatusEntity render(Status s, Long viewerId) { return renderAll(List.of(s), viewerId).get(0); }

    /**
     * Renders statuses in order; {@code viewerId} is the signed-in account (null: anonymous or app token). A signed-in
     * viewer's statuses carry {@code filtered}: every active filter that matches, whatever its context (clients
     * check the context, as with Mastodon).
     */
    public List<StatusEntity> renderAll(List<Status> list, Long viewerId) { return renderAll(list, viewerId, null); }

    /**
     * Renders statuses for one filter context ({@code home}, {@code notifications}, {@code public}, {@code thread},
     * {@code account}; null: any): statuses matched by a {@code hide} filter of that context are left out, and
     * {@code filtered} lists the matching filters of that context.
     */
    public List<StatusEntity> renderAll(List<Status> list, Long viewerId, String filterContext) {
        if (viewerId == null || list.isEmpty()) return renderUnfiltered(list, viewerId);
        var matches = filters.match(viewerId, list, filterContext);
        List<Status> kept = list;
        if (filterContext != null && !matches.isEmpty()) {
            kept = list.stream().filter(s -> matches.getOrDefault(s.id(), List.of()).stream().noneMatch(m -> m.filter().hides())).toList();
        }
        List<StatusEntity> out = new ArrayList<>(kept.size());
        for (StatusEntity e : renderUnfiltered(kept, viewerId)) {
            var found = matches.getOrDefault(Long.parseLong(e.id()), List.of());
            out.add(e.withFiltered(found.stream().map(FilterResultEntity::of).toList()));
        }
        return out;
    }

    private List<StatusEntity> renderUnfiltered(List<Status> list, Long viewerId) { return renderUnfiltered(list, viewerId, false); }

    /**
     * {@code shallow}: the statuses are quoted statuses inside a quote, whose own quotes are only their state and
     * quoted id (Mastodon's ShallowQuote), so a chain of quotes costs one level of rendering more, never more.
     */
    private List<StatusEntity> renderUnfiltered(List<Status> list, Long viewerId, boolean shallow) {
        if (list.isEmpty()) return List.of();
        Map<Long, Status> all = new LinkedHashMap<>();
        for (Status s : list) all.put(s.id(), s);
        Set<Long> missing = new HashSet<>();
        for (Status s : list) if (s.isReblog() && !all.containsKey(s.reblogOfId())) missing.add(s.reblogOfId());
        all.putAll(statuses.byIds(missing));

        StatusRelations.MentionsAndTags mentionsAndTags = relations.mentionsAndTags(all.keySet());
        Map<Long, List<Long>> mentions = mentionsAndTags.mentions();
        Map<Long, List<String>> tags = mentionsAndTags.tags();
        Set<Long> accountIds = new HashSet<>();
        Set<Long> appIds = new HashSet<>();
        Set<Long> conversations = new HashSet<>();
        for (Status s : all.values()) {
            accountIds.add(s.accountId());
            accountIds.addAll(mentions.getOrDefault(s.id(), List.of()));
            if (s.applicationId() != null && viewerId != null && viewerId == s.accountId()) appIds.add(s.applicationId());
            if (s.conversationId() != null) conversations.add(s.conversationId());
        }
        Map<Long, AccountEntity> accountEntities = accounts.renderByIds(accountIds);
        Map<Long, StatusRelations.Application> apps = relations.applications(appIds);
        StatusRelations.ViewerFlags flags = viewerId == null ? null : relations.viewerFlags(viewerId, all.keySet(), conversations);

        // a poll is the one part of a status kept on its row (poll_id): a page without polls asks nothing
        Set<Long> withPolls = new HashSet<>();
        for (Status s : all.values()) if (s.pollId() != null) withPolls.add(s.id());
        Map<Long, PollEntity> pollEntities = polls.byStatus(withPolls, viewerId);
        Map<Long, List<Object>> attachments = media.byStatus(all.keySet());
        Map<Long, PreviewCardEntity> cardEntities = cards.byStatus(all.keySet());
        // asked only when the viewer's own circle posts are on the page, so other pages cost no query more
        Set<Long> ownLimited = new HashSet<>();
        for (Status s : all.values())
            if (viewerId != null && viewerId == s.accountId() && s.visibilityEnum() == Visibility.LIMITED) ownLimited.add(s.id());
        Map<Long, Circle> sharedWith = ownLimited.isEmpty() ? Map.of() : circles.ofStatuses(ownLimited);
        Map<Long, social.atoll.core.quote.Quote> quoteRows = quotes.ofStatuses(all.keySet());
        Map<Long, social.atoll.core.quote.QuoteService.Approval> approvals = quotes.approvals(viewerId, all.values());
        Map<Long, Integer> quoteCounts = quotes.acceptedCounts(all.keySet());
        Map<Long, Object> quoteEntities = quoteEntities(quoteRows, viewerId, shallow);
        Map<Long, EmojiViews.Texts> texts = new HashMap<>();
        for (Status s : all.values()) {
            AccountEntity author = accountEntities.get(s.accountId());
            String acct = author == null ? "" : author.acct();
            texts.put(s.id(), new EmojiViews.Texts(acct.contains("@") ? acct.substring(acct.indexOf('@') + 1) : null, s.content(), s.spoilerText()));
        }
        Map<Long, List<Object>> emojiLists = emojis.render(texts);
        Map<Long, List<StatusEntity.Reaction>> reactionLists = new HashMap<>();
        reactions.summaries(all.keySet(), viewerId).forEach((id, rs) -> reactionLists.put(id, rs.stream()
                .map(r -> new StatusEntity.Reaction(r.name(), r.count(), r.me(), emojis.url(r.emoji()))).toList()));
        List<Status> originalsOnly = all.values().stream().filter(s -> !s.isReblog()).toList();
        Map<Long, social.atoll.core.interaction.InteractionPolicy> interactionPolicyMap = interactionPolicies.policies(originalsOnly);
        Map<Long, Map<social.atoll.core.interaction.InteractionPolicy.Type, social.atoll.core.interaction.InteractionPolicy.Check>> mine =
                viewerId == null ? Map.of() : interactionPolicies.checks(viewerId, originalsOnly, interactionPolicyMap);
        Map<Long, InteractionPolicyEntity> policyEntities = new HashMap<>();
        for (Status s : originalsOnly) policyEntities.put(s.id(), InteractionPolicyEntity.of(interactionPolicyMap.get(s.id()), mine.get(s.id())));
        Context c = new Context(viewerId, mentions, tags, accountEntities, apps, flags, pollEntities, attachments, cardEntities, sharedWith,
                quoteEntities, approvals, quoteCounts, emojiLists, reactionLists, policyEntities);
        Map<Long, StatusEntity> originals = new HashMap<>();
        List<StatusEntity> out = new ArrayList<>(list.size());
        for (Status s : list) {
            StatusEntity inner = null;
            if (s.isReblog()) {
                Status o = all.get(s.reblogOfId());
                if (o == null) continue; // boosted status is gone: nothing to show
                inner = originals.computeIfAbsent(o.id(), k -> entity(o, null, c));
            }
            out.add(entity(s, inner, c));
        }
        return out;
    }

    private record Context(Long viewerId, Map<Long, List<Long>> mentions, Map<Long, List<String>> tags,
                           Map<Long, AccountEntity> accounts, Map<Long, StatusRelations.Application> apps,
                           StatusRelations.ViewerFlags flags, Map<Long, PollEntity> polls, Map<Long, List<Object>> media,
                           Map<Long, PreviewCardEntity> cards, Map<Long, Circle> sharedWith, Map<Long, Object> quotes,
                           Map<Long, social.atoll.core.quote.QuoteService.Approval> approvals, Map<Long, Integer> quoteCounts,
                           Map<Long, List<Object>> emojis, Map<Long, List<StatusEntity.Reaction>> reactions,
                           Map<Long, InteractionPolicyEntity> interactionPolicies) {}

    /**
     * The {@code quote} of each quoting status on the page: full (with the quoted status rendered) or shallow. Its
     * state is the one the viewer sees ({@code QuoteService#viewed}: deleted, blocked, muted, unauthorized…).
     */
    private Map<Long, Object> quoteEntities(Map<Long, social.atoll.core.quote.Quote> rows, Long viewerId, boolean shallow) {
        if (rows.isEmpty()) return Map.of();
        Map<Long, social.atoll.core.quote.QuoteService.Viewed> viewed = quotes.viewed(viewerId, rows.values());
        Map<Long, StatusEntity> rendered = new HashMap<>();
        if (!shallow) {
            Map<Long, Status> shown = new LinkedHashMap<>();
            for (var v : viewed.values()) if (v.quoted() != null) shown.put(v.quoted().id(), v.quoted());
            if (!shown.isEmpty())
                for (StatusEntity e : renderUnfiltered(new ArrayList<>(shown.values()), viewerId, true)) rendered.put(Long.parseLong(e.id()), e);
        }
        Map<Long, Object> out = new HashMap<>();
        for (social.atoll.core.quote.Quote q : rows.values()) {
            var v = viewed.get(q.statusId());
            Status shown = v == null ? null : v.quoted();
            String state = v == null ? q.state() : v.state();
            if (shallow) out.put(q.statusId(), new StatusEntity.ShallowQuote(state, shown == null ? null : Long.toString(shown.id())));
            else out.put(q.statusId(), new StatusEntity.Quote(state, shown == null ? null : rendered.get(shown.id())));
        }
        return out;
    }

    private StatusEntity entity(Status s, StatusEntity reblog, Context c) {
        List<StatusEntity.Mention> mentionList = new ArrayList<>();
        for (Long id : c.mentions.getOrDefault(s.id(), List.of())) {
            AccountEntity a = c.accounts.get(id);
            if (a != null) mentionList.add(new StatusEntity.Mention(a.id(), a.username(), a.url(), a.acct()));
        }
        List<StatusEntity.Tag> tagList = new ArrayList<>();
        for (String name : c.tags.getOrDefault(s.id(), List.of())) {
            tagList.add(new StatusEntity.Tag(name.toLowerCase(java.util.Locale.ROOT),
                    settings.url("/tags/" + URLEncoder.encode(name.toLowerCase(java.util.Locale.ROOT), StandardCharsets.UTF_8).replace("+", "%20"))));
        }
        Visibility v = s.visibilityEnum();
        var f = c.flags;
        boolean own = c.viewerId != null && c.viewerId == s.accountId();
        Boolean pinned = f != null && own && !s.isReblog() && (v == Visibility.PUBLIC || v == Visibility.UNLISTED || v == Visibility.PRIVATE)
                ? f.pinned().contains(s.id()) : null;
        StatusRelations.Application app = own && s.applicationId() != null ? c.apps.get(s.applicationId()) : null;
        Circle circle = c.sharedWith.get(s.id());
        return new StatusEntity(
                Long.toString(s.id()),
                Dates.datetime(s.createdAt()),
                s.inReplyToId() == null ? null : s.inReplyToId().toString(),
                s.inReplyToAccountId() == null ? null : s.inReplyToAccountId().toString(),
                s.sensitive(),
                s.spoilerText() == null ? "" : s.spoilerText(),
                v.api(),
                s.language(),
                s.uri(),
                s.url() != null ? s.url() : s.uri(),
                s.repliesCount(),
                s.reblogsCount(),
                s.favouritesCount(),
                Dates.datetime(s.editedAt()),
                f == null ? null : f.favourited().contains(s.id()),
                f == null ? null : f.reblogged().contains(s.id()),
                f == null ? null : s.conversationId() != null && f.mutedConversations().contains(s.conversationId()),
                f == null ? null : f.bookmarked().contains(s.id()),
                pinned,
                s.content() == null ? "" : s.content(),
                null,
                reblog,
                app == null ? null : new StatusEntity.Application(app.name(), app.website()),
                c.accounts.get(s.accountId()),
                c.media.getOrDefault(s.id(), List.of()),
                mentionList,
                tagList,
                c.emojis.getOrDefault(s.id(), List.of()),
                c.cards.get(s.id()),
                c.polls.get(s.id()),
                null,
                v.id(),
                v == Visibility.LIMITED ? "circle" : null,
                s.localOnly(),
                circle == null ? null : new StatusEntity.CircleRef(Long.toString(circle.id()), circle.title()),
                c.quotes.get(s.id()),
                quoteApproval(c.approvals.get(s.isReblog() ? s.reblogOfId() : s.id())),
                c.quoteCounts.getOrDefault(s.id(), 0),
                new StatusEntity.Pleroma(c.reactions.getOrDefault(s.id(), List.of())),
                c.interactionPolicies.get(s.id()),
                s.pendingApproval() ? Boolean.TRUE : null);
    }

    private static StatusEntity.QuoteApproval quoteApproval(social.atoll.core.quote.QuoteService.Approval a) {
        if (a == null) return new StatusEntity.QuoteApproval(List.of(), List.of(), "denied");
        return new StatusEntity.QuoteApproval(a.policy().automatic(), a.policy().manual(), a.decision().api());
    }
}
