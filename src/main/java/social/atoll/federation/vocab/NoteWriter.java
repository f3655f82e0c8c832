package social.atoll.federation.vocab;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import social.atoll.config.Settings;
import social.atoll.core.account.Account;
import social.atoll.core.account.AccountStore;
import social.atoll.core.poll.Poll;
import social.atoll.core.poll.PollStore;
import social.atoll.core.quote.Quote;
import social.atoll.core.quote.QuotePolicy;
import social.atoll.core.quote.QuoteService;
import social.atoll.core.status.Status;
import social.atoll.core.status.StatusRelations;
import social.atoll.core.status.StatusStore;
import social.atoll.core.status.Visibility;

/**
 * Local status → {@code Note} (or {@code Question}) exactly as Mastodon serializes it (spec §3.1), and the
 * {@code Create}/{@code Announce} activities that carry statuses. Addressing follows Mastodon per visibility:
 * public → to Public, cc followers; unlisted → to followers, cc Public; private → to followers; direct → the
 * mentioned; limited → the circle audience; mentioned accounts always in cc (to for direct/limited).
 * Lists are rendered with a fixed number of queries whatever their length.
 */
public final class NoteWriter {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final int SELF_REPLIES = 5;

    /** Who a status is addressed to. */
    public record Audience(List<String> to, List<String> cc) {}

    private final Settings settings;
    private final AccountStore accounts;
    private final StatusStore statuses;
    private final StatusRelations relations;
    private final PollStore polls;
    private final MediaDocuments media;
    private final QuoteService quotes;
    /** The local custom emoji a note names become its Emoji tags; null: none. */
    private final social.atoll.core.emoji.CustomEmojiService emojis;

    /** {@code media} (may be null) publishes the statuses' attachments. */
    private final social.atoll.core.interaction.InteractionPolicies interactions;
    private final social.atoll.core.interaction.InteractionRequestService interactionRequests;

    public NoteWriter(Settings settings, AccountStore accounts, StatusStore statuses, StatusRelations relations, PollStore polls,
                      MediaDocuments media, QuoteService quotes, social.atoll.core.emoji.CustomEmojiService emojis,
                      social.atoll.core.interaction.InteractionPolicies interactions,
                      social.atoll.core.interaction.InteractionRequestService interactionRequests) {
        this.interactions = interactions;
        this.interactionRequests = interactionRequests;
        this.quotes = quotes;
        this.emojis = emojis;
        this.settings = settings;
        this.accounts = accounts;
        this.statuses = statuses;
        this.relations = relations;
        this.polls = polls;
        this.media = media;
    }

    /** The object of one status, with {@code @context}, as served at its id. */
    public ObjectNode object(Status s) {
        ObjectNode o = F.objectNode();
        o.set("@context", Contexts.note());
        o.setAll(objects(List.of(s)).get(0));
        return o;
    }

    /** Objects of many statuses (no {@code @context}: they are embedded in a collection or an activity). */
    public List<ObjectNode> objects(List<Status> list) {
        Batch b = load(list);
        List<ObjectNode> out = new ArrayList<>(list.size());
        for (Status s : list) out.add(note(s, b));
        return out;
    }

    /** {@code Create} of a status with the object embedded; id {@code <status uri>/activity} as Mastodon mints it. */
    public ObjectNode create(Status s) {
        ObjectNode a = F.objectNode();
        a.set("@context", Contexts.note());
        a.setAll(createActivities(List.of(s)).get(0));
        return a;
    }

    /** {@code Create}s for a page of statuses (outbox), without {@code @context}. */
    public List<ObjectNode> createActivities(List<Status> list) {
        Batch b = load(list);
        List<ObjectNode> out = new ArrayList<>(list.size());
        for (Status s : list) {
            ObjectNode note = note(s, b);
            ObjectNode a = F.objectNode();
            a.put("id", s.uri() + "/activity");
            a.put("type", "Create");
            a.put("actor", b.accounts.get(s.accountId()).uri());
            a.put("published", time(s.createdAt()));
            a.set("to", note.get("to").deepCopy());
            a.set("cc", note.get("cc").deepCopy());
            a.set("object", note);
            out.add(a);
        }
        return out;
    }

    /**
     * {@code Announce} of {@code original} by the boost {@code boost}: the boost's uri is the activity id; to Public and
     * cc the boosted author and the booster's followers (unlisted boosts swap Public and followers).
     */
    public ObjectNode announce(Status boost, Status original) {
        Map<Long, Account> found = accounts.byIds(List.of(boost.accountId(), original.accountId()));
        Account booster = found.get(boost.accountId());
        Account author = found.get(original.accountId());
        ObjectNode a = F.objectNode();
        a.put("@context", Contexts.plain());
        a.put("id", boost.uri());
        a.put("type", "Announce");
        a.put("actor", booster.uri());
        a.put("published", time(boost.createdAt()));
        Visibility v = boost.visibilityEnum();
        ArrayNode to = a.putArray("to");
        ArrayNode cc = a.putArray("cc");
        if (v == Visibility.PUBLIC) {
            to.add(AsValues.PUBLIC);
            cc.add(author.uri()).add(booster.followersUrl());
        } else if (v == Visibility.UNLISTED) {
            to.add(booster.followersUrl());
            cc.add(AsValues.PUBLIC).add(author.uri());
        } else {
            to.add(booster.followersUrl());
            cc.add(author.uri());
        }
        a.put("object", original.uri());
        return a;
    }

    /** The addressing of a status (for delivery). */
    public Audience audience(Status s) {
        Batch b = load(List.of(s));
        return audience(s, b);
    }

    private Audience audience(Status s, Batch b) {
        Account author = b.accounts.get(s.accountId());
        Set<String> mentioned = new LinkedHashSet<>();
        for (Long id : b.mentions.getOrDefault(s.id(), List.of())) {
            Account m = b.accounts.get(id);
            if (m != null) mentioned.add(m.uri());
        }
        Set<String> circle = new LinkedHashSet<>();
        if (s.visibilityEnum() == Visibility.LIMITED) {
            for (Long id : b.audiences.getOrDefault(s.id(), List.of())) {
                Account m = b.accounts.get(id);
                if (m != null) circle.add(m.uri());
            }
        }
        return addressing(s.visibilityEnum(), author.followersUrl(), mentioned, circle);
    }

    /**
     * Mastodon's addressing by visibility: public to Public with followers and mentions in cc, unlisted the other
     * way round, private to followers, direct to the mentioned, limited to its circle and the mentioned.
     */
    static Audience addressing(Visibility visibility, String followersUrl, Collection<String> mentioned, Collection<String> circle) {
        List<String> to = new ArrayList<>();
        List<String> cc = new ArrayList<>();
        switch (visibility) {
            case PUBLIC -> {
                to.add(AsValues.PUBLIC);
                cc.add(followersUrl);
                cc.addAll(mentioned);
            }
            case UNLISTED -> {
                to.add(followersUrl);
                cc.add(AsValues.PUBLIC);
                cc.addAll(mentioned);
            }
            case PRIVATE -> {
                to.add(followersUrl);
                cc.addAll(mentioned);
            }
            case DIRECT -> to.addAll(mentioned);
            case LIMITED -> {
                Set<String> all = new LinkedHashSet<>(circle);
                all.addAll(mentioned);
                to.addAll(all);
            }
        }
        return new Audience(List.copyOf(to), List.copyOf(cc));
    }

    private ObjectNode note(Status s, Batch b) {
        Account author = b.accounts.get(s.accountId());
        Poll poll = b.polls.get(s.id());
        ObjectNode o = F.objectNode();
        o.put("id", s.uri());
        o.put("type", poll == null ? "Note" : "Question");
        if (s.spoilerText() == null || s.spoilerText().isEmpty()) o.putNull("summary");
        else o.put("summary", s.spoilerText());
        String parentUri = s.inReplyToId() != null ? b.parentUris.get(s.inReplyToId()) : null;
        if (parentUri == null) parentUri = s.inReplyToUri();
        if (parentUri == null) o.putNull("inReplyTo");
        else o.put("inReplyTo", parentUri);
        o.put("published", time(s.createdAt()));
        if (s.editedAt() != null) o.put("updated", time(s.editedAt()));
        o.put("url", s.url());
        o.put("attributedTo", author.uri());
        Audience audience = audience(s, b);
        ArrayNode to = o.putArray("to");
        audience.to().forEach(to::add);
        ArrayNode cc = o.putArray("cc");
        audience.cc().forEach(cc::add);
        o.put("sensitive", s.sensitive());
        o.put("atomUri", s.uri());
        if (parentUri == null) o.putNull("inReplyToAtomUri");
        else o.put("inReplyToAtomUri", parentUri);
        long conversation = s.conversationId() != null ? s.conversationId() : s.id();
        o.put("conversation", "tag:" + settings.domain() + "," + s.createdAt().atZone(ZoneOffset.UTC).toLocalDate()
                + ":objectId=" + conversation + ":objectType=Conversation");
        o.put("content", s.content());
        if (s.language() != null && !s.language().isBlank()) o.putObject("contentMap").put(s.language(), s.content());
        ArrayNode attachment = o.putArray("attachment");
        for (ObjectNode a : b.attachments.getOrDefault(s.id(), List.of())) attachment.add(a.deepCopy());
        ArrayNode tag = o.putArray("tag");
        for (Long id : b.mentions.getOrDefault(s.id(), List.of())) {
            Account m = b.accounts.get(id);
            if (m == null) continue;
            ObjectNode t = tag.addObject();
            t.put("type", "Mention");
            t.put("href", m.uri());
            t.put("name", "@" + m.username() + "@" + (m.domain() == null ? settings.domain() : m.domain()));
        }
        for (String name : b.tags.getOrDefault(s.id(), List.of())) {
            ObjectNode t = tag.addObject();
            t.put("type", "Hashtag");
            t.put("href", settings.url("/tags/" + java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8)));
            t.put("name", "#" + name);
        }
        if (emojis != null) {
            for (var e : emojis.localIn(s.content(), s.spoilerText())) tag.add(EmojiTags.tag(e, emojis.urls(e).url()));
        }
        ObjectNode replies = o.putObject("replies");
        replies.put("id", s.uri() + "/replies");
        replies.put("type", "Collection");
        ObjectNode first = replies.putObject("first");
        first.put("type", "CollectionPage");
        first.put("next", s.uri() + "/replies?only_other_accounts=true&page=true");
        first.put("partOf", s.uri() + "/replies");
        ArrayNode items = first.putArray("items");
        b.selfReplies.getOrDefault(s.id(), List.of()).forEach(items::add);
        if (poll != null) question(o, poll, b.now);
        quote(o, b.quotes.get(s.id()));
        ObjectNode policy = interactionPolicy(b.policies.getOrDefault(s.id(), QuotePolicy.AUTHOR_ONLY), author);
        social.atoll.core.interaction.InteractionPolicy ip = b.interactionPolicies.get(s.id());
        if (ip != null) {
            List<String> mentioned = new ArrayList<>();
            for (Long id : b.mentions.getOrDefault(s.id(), List.of())) {
                Account a = b.accounts.get(id);
                if (a != null) mentioned.add(a.uri());
            }
            policy.set("canLike", rules(ip.canFavourite(), author, mentioned));
            policy.set("canReply", rules(ip.canReply(), author, mentioned));
            policy.set("canAnnounce", rules(ip.canReblog(), author, mentioned));
        }
        o.set("interactionPolicy", policy);
        String approvedBy = b.approvedBy.get(s.id());
        if (approvedBy != null) o.put("approvedBy", approvedBy);
        return o;
    }

    /**
     * FEP-044f's {@code quote} as Mastodon 4.5 writes it, with the older {@code _misskey_quote} and {@code quoteUri}
     * beside it for servers that read those, and the {@code quoteAuthorization} once consent is given.
     */
    private void quote(ObjectNode o, Quote q) {
        if (q == null) return;
        if (q.quotedUri() == null) {
            o.putObject("quote").put("type", "Tombstone");
            return;
        }
        o.put("quote", q.quotedUri());
        o.put("_misskey_quote", q.quotedUri());
        o.put("quoteUri", q.quotedUri());
        String approval = q.accepted() ? quotes.approvalUriOf(q) : null;
        if (approval != null) o.put("quoteAuthorization", approval);
    }

    /**
     * GoToSocial's {@code interactionPolicy} with the one rule Mastodon sends: {@code canQuote}, automatic approval
     * for Public, the followers or the following collection — or the author alone.
     */
    private static ObjectNode interactionPolicy(QuotePolicy p, Account author) {
        ObjectNode policy = F.objectNode();
        ArrayNode automatic = policy.putObject("canQuote").putArray("automaticApproval");
        if (p.automatic().contains(QuotePolicy.PUBLIC)) automatic.add(AsValues.PUBLIC);
        if (p.automatic().contains(QuotePolicy.FOLLOWERS)) automatic.add(author.followersUrl());
        if (p.automatic().contains(QuotePolicy.FOLLOWING) && author.followingUrl() != null) automatic.add(author.followingUrl());
        if (automatic.isEmpty()) automatic.add(author.uri());
        return policy;
    }

    /**
     * One rule of GoToSocial's {@code interactionPolicy} as it writes them: its keys become Public, the author's
     * followers or following collection, the author, the mentioned accounts; actor URIs stay as they are. Only the
     * current names ({@code automaticApproval}, {@code manualApproval}) are written, as GoToSocial 0.21 does.
     */
    private static ObjectNode rules(social.atoll.core.interaction.InteractionPolicy.Rules r, Account author, List<String> mentioned) {
        ObjectNode o = F.objectNode();
        ArrayNode automatic = o.putArray("automaticApproval");
        uris(r.automatic(), author, mentioned).forEach(automatic::add);
        ArrayNode manual = o.putArray("manualApproval");
        uris(r.manual(), author, mentioned).forEach(manual::add);
        return o;
    }

    private static Set<String> uris(List<String> keys, Account author, List<String> mentioned) {
        Set<String> out = new LinkedHashSet<>();
        for (String k : keys) {
            switch (k) {
                case social.atoll.core.interaction.InteractionPolicy.PUBLIC -> out.add(AsValues.PUBLIC);
                case social.atoll.core.interaction.InteractionPolicy.FOLLOWERS -> out.add(author.followersUrl());
                case social.atoll.core.interaction.InteractionPolicy.FOLLOWING -> {
                    if (author.followingUrl() != null) out.add(author.followingUrl());
                }
                case social.atoll.core.interaction.InteractionPolicy.AUTHOR -> out.add(author.uri());
                case social.atoll.core.interaction.InteractionPolicy.MENTIONED -> out.addAll(mentioned);
                default -> out.add(k);
            }
        }
        return out;
    }

    private void question(ObjectNode o, Poll p, Instant now) {
        ArrayNode options = o.putArray(p.multiple() ? "anyOf" : "oneOf");
        for (int i = 0; i < p.options().size(); i++) {
            ObjectNode opt = options.addObject();
            opt.put("type", "Note");
            opt.put("name", p.options().get(i));
            ObjectNode r = opt.putObject("replies");
            r.put("type", "Collection");
            r.put("totalItems", i < p.votesCounts().size() ? p.votesCounts().get(i) : 0);
        }
        o.put("votersCount", p.votersCount());
        if (p.expiresAt() != null) {
            o.put("endTime", time(p.expiresAt()));
            if (!p.expiresAt().isAfter(now)) o.put("closed", time(p.expiresAt()));
        }
    }

    /** Everything a page of statuses needs, each loaded with one query. */
    private record Batch(Map<Long, Account> accounts, Map<Long, List<Long>> mentions, Map<Long, List<String>> tags,
                         Map<Long, String> parentUris, Map<Long, Poll> polls, Map<Long, List<Long>> audiences,
                         Map<Long, List<String>> selfReplies, Map<Long, List<ObjectNode>> attachments, Instant now,
                         Map<Long, Quote> quotes, Map<Long, QuotePolicy> policies,
                         Map<Long, social.atoll.core.interaction.InteractionPolicy> interactionPolicies, Map<Long, String> approvedBy) {}

    private Batch load(List<Status> list) {
        Set<Long> ids = new HashSet<>();
        Set<Long> accountIds = new HashSet<>();
        Set<Long> parentIds = new HashSet<>();
        Set<Long> pollStatusIds = new HashSet<>();
        Set<Long> limitedIds = new HashSet<>();
        for (Status s : list) {
            ids.add(s.id());
            accountIds.add(s.accountId());
            if (s.inReplyToId() != null) parentIds.add(s.inReplyToId());
            if (s.pollId() != null) pollStatusIds.add(s.id());
            if (s.visibilityEnum() == Visibility.LIMITED) limitedIds.add(s.id());
        }
        Map<Long, List<Long>> mentions = relations.mentions(ids);
        mentions.values().forEach(accountIds::addAll);
        Map<Long, List<Long>> audiences = relations.audiences(limitedIds);
        audiences.values().forEach(accountIds::addAll);
        Map<Long, Account> accountMap = accounts.byIds(accountIds);
        Map<Long, String> parents = statuses.urisByIds(parentIds);
        Map<Long, Poll> polls = this.polls.byStatusIds(pollStatusIds);
        Map<Long, List<String>> selfReplies = new HashMap<>();
        statuses.publicSelfReplyUris(ids).forEach(e -> {
            List<String> l = selfReplies.computeIfAbsent(e.getKey(), k -> new ArrayList<>());
            if (l.size() < SELF_REPLIES) l.add(e.getValue());
        });
        Map<Long, List<ObjectNode>> attachments = media == null ? Map.of() : media.attachments(ids);
        return new Batch(accountMap, mentions, relations.tags(ids), parents, polls, audiences, selfReplies, attachments, Instant.now(),
                quotes.ofStatuses(ids), quotes.policiesOf(ids),
                interactions.policies(list.stream().filter(s -> s.local() && !s.isReblog()).toList()),
                interactionRequests.approvedBy(list.stream().filter(s -> s.local() && s.isReply()).map(Status::id).toList()));
    }

    static String time(Instant t) { return ActorWriter.time(t); }
}
