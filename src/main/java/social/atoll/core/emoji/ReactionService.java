package social.atoll.core.emoji;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import social.atoll.core.common.NotFoundException;
import social.atoll.core.common.ValidationException;
import social.atoll.core.privacy.VisibilityPolicy;
import social.atoll.core.status.Status;
import social.atoll.core.status.StatusStore;
import social.atoll.infra.db.Database;
import social.atoll.infra.events.EventBus;
import social.atoll.infra.ids.IdGenerator;

/**
 * Emoji reactions to statuses, as Akkoma/Pleroma have them: an account may react to a post it can see with any number
 * of different emoji, each once; taking one back removes it. A reaction is a Unicode emoji or a custom emoji — this
 * server's (named by its shortcode) or, from another server, that server's (named {@code shortcode@domain}).
 * A reaction is apart from a favourite, as on Akkoma: reacting does not favourite.
 */
public final class ReactionService {

    /** How many different reactions a post may gather (as Mastodon's announcements); more are refused. */
    public static final int MAX_NAMES = 40;
    private static final Pattern CUSTOM = Pattern.compile(":?([a-zA-Z0-9_]{2,128}):?");

    /** The reactions of one name on a status, as the API shows them. */
    public record Summary(String name, int count, boolean me, CustomEmoji emoji) {}

    private final Database db;
    private final ReactionStore store;
    private final StatusStore statuses;
    private final CustomEmojiService emojis;
    private final VisibilityPolicy visibility;
    private final IdGenerator ids;
    private final Clock clock;
    private final EventBus events;

    public ReactionService(Database db, ReactionStore store, StatusStore statuses, CustomEmojiService emojis, VisibilityPolicy visibility,
                           IdGenerator ids, Clock clock, EventBus events) {
        this.db = db;
        this.store = store;
        this.statuses = statuses;
        this.emojis = emojis;
        this.visibility = visibility;
        this.ids = ids;
        this.clock = clock;
        this.events = events;
    }

    /**
     * A local account reacts with {@code emoji}: a Unicode emoji, or the shortcode of one of this server's custom emoji
     * (with or without colons). Reacting twice the same way changes nothing. Not found when the account may not see the
     * status.
     */
    public Status react(long accountId, long statusId, String emoji) {
        Status target = visibleTarget(accountId, statusId);
        Name n = localName(emoji);
        add(accountId, target, n.name(), n.emoji(), null);
        return statuses.byId(target.id()).orElse(target);
    }

    /** Takes back a local account's reaction; taking back one that is not there changes nothing. */
    public Status unreact(long accountId, long statusId, String emoji) {
        Status target = visibleTarget(accountId, statusId);
        Name n = localName(emoji);
        db.write(h -> {
            store.find(h, target.id(), accountId, n.name()).ifPresent(r -> remove(h, r, target));
            return null;
        });
        return statuses.byId(target.id()).orElse(target);
    }

    /**
     * A reaction from another server (an {@code EmojiReact}, or Misskey's {@code Like} with a reaction): {@code content}
     * is a Unicode emoji or {@code :shortcode:}, then {@code customEmoji} is the Emoji tag that came with it, already
     * remembered. Returns false when it is not a reaction Atoll can show (nor a status the actor may see).
     */
    public boolean reactRemote(long accountId, Status status, String content, CustomEmoji customEmoji, String uri) {
        if (content == null || status == null) return false;
        Status target;
        try {
            target = visibleTarget(accountId, status.id());
        } catch (NotFoundException e) {
            return false;
        }
        String c = content.strip();
        String name;
        CustomEmoji emoji = null;
        var m = CUSTOM.matcher(c);
        if (c.startsWith(":") && m.matches()) {
            if (customEmoji == null || !customEmoji.shortcode().equals(m.group(1))) {
                // Misskey names a reaction with this server's own emoji :code@.: or sends none: show only what we know
                Optional<CustomEmoji> own = emojis.localEmoji(m.group(1).replace("@.", ""));
                if (own.isEmpty()) return false;
                emoji = own.get();
            } else {
                emoji = customEmoji;
            }
            name = emoji.local() ? emoji.shortcode() : emoji.shortcode() + "@" + emoji.domain();
        } else {
            String legacy = MISSKEY_LEGACY.get(c);
            try {
                name = UnicodeEmoji.check(legacy != null ? legacy : c);
            } catch (ValidationException e) {
                return false;
            }
        }
        try {
            add(accountId, target, name, emoji, uri);
        } catch (ValidationException e) {
            return false;
        }
        return true;
    }

    /** Undo of a remote reaction by the id of the activity that made it. */
    public boolean undoRemote(long accountId, String uri) {
        if (uri == null) return false;
        Optional<ReactionStore.Reaction> r = store.byUri(uri).filter(x -> x.accountId() == accountId);
        if (r.isEmpty()) return false;
        return db.write(h -> {
            Status st = statuses.byId(r.get().statusId()).orElse(null);
            if (st == null) return false;
            remove(h, r.get(), st);
            return true;
        });
    }

    /** Undo of a remote reaction named by what it was (status and content), for servers that do not keep the id. */
    public boolean undoRemote(long accountId, Status status, String content, CustomEmoji customEmoji) {
        if (status == null || content == null) return false;
        String c = content.strip();
        List<String> names = new ArrayList<>();
        var m = CUSTOM.matcher(c);
        if (c.startsWith(":") && m.matches()) {
            if (customEmoji != null) names.add(customEmoji.local() ? customEmoji.shortcode() : customEmoji.shortcode() + "@" + customEmoji.domain());
            names.add(m.group(1).replace("@.", ""));
        } else {
            names.add(MISSKEY_LEGACY.getOrDefault(c, c));
        }
        return db.write(h -> {
            for (String n : names) {
                var r = store.find(h, status.id(), accountId, n);
                if (r.isPresent()) {
                    remove(h, r.get(), status);
                    return true;
                }
            }
            return false;
        });
    }

    /** The reactions of statuses (a page of them), for a viewer (null: anonymous). */
    public Map<Long, List<Summary>> summaries(Collection<Long> statusIds, Long viewerId) {
        List<ReactionStore.Count> counts = store.counts(statusIds, viewerId == null ? -1 : viewerId);
        if (counts.isEmpty()) return Map.of();
        Map<Long, CustomEmoji> custom = new HashMap<>();
        List<Long> emojiIds = counts.stream().map(ReactionStore.Count::customEmojiId).filter(java.util.Objects::nonNull).distinct().toList();
        for (CustomEmoji e : emojis.byIds(emojiIds)) custom.put(e.id(), e);
        Map<Long, List<Summary>> out = new LinkedHashMap<>();
        for (ReactionStore.Count c : counts) {
            out.computeIfAbsent(c.statusId(), k -> new ArrayList<>())
                    .add(new Summary(c.name(), c.count(), c.me(), c.customEmojiId() == null ? null : custom.get(c.customEmojiId())));
        }
        return out;
    }

    /** Who reacted to a status the viewer may see, by name (one name when given), oldest first. */
    public Map<Summary, List<Long>> accounts(Long viewerId, long statusId, String emoji) {
        Status target = visibleTarget(viewerId, statusId);
        String name = emoji == null ? null : nameForLookup(emoji);
        Map<String, List<Long>> byName = new LinkedHashMap<>();
        Map<String, Long> emojiIds = new HashMap<>();
        for (ReactionStore.Reaction r : store.ofStatus(target.id(), name)) {
            byName.computeIfAbsent(r.name(), k -> new ArrayList<>()).add(r.accountId());
            if (r.customEmojiId() != null) emojiIds.put(r.name(), r.customEmojiId());
        }
        Map<Long, CustomEmoji> custom = new HashMap<>();
        for (CustomEmoji e : emojis.byIds(emojiIds.values())) custom.put(e.id(), e);
        Map<Summary, List<Long>> out = new LinkedHashMap<>();
        byName.forEach((n, accounts) -> out.put(new Summary(n, accounts.size(), viewerId != null && accounts.contains(viewerId),
                emojiIds.containsKey(n) ? custom.get(emojiIds.get(n)) : null), accounts));
        return out;
    }

    /** The first reaction of each (status, account) pair, which its {@code pleroma:emoji_reaction} notification shows. */
    public Map<String, Summary> notificationReactions(Collection<long[]> statusAndAccount) {
        Map<String, ReactionStore.Reaction> first = store.firstOf(statusAndAccount);
        Map<Long, CustomEmoji> custom = new HashMap<>();
        for (CustomEmoji e : emojis.byIds(first.values().stream().map(ReactionStore.Reaction::customEmojiId)
                .filter(java.util.Objects::nonNull).distinct().toList())) custom.put(e.id(), e);
        Map<String, Summary> out = new HashMap<>();
        first.forEach((k, r) -> out.put(k, new Summary(r.name(), 1, false, r.customEmojiId() == null ? null : custom.get(r.customEmojiId()))));
        return out;
    }

    private void add(long accountId, Status target, String name, CustomEmoji emoji, String uri) {
        db.write(h -> {
            if (store.find(h, target.id(), accountId, name).isPresent()) return null;
            long distinct = store.counts(List.of(target.id()), -1).size();
            if (distinct >= MAX_NAMES) throw new ValidationException("Maximum number of reactions reached");
            long id = ids.next();
            if (store.insert(h, id, target.id(), accountId, name, emoji == null ? null : emoji.id(), uri, clock.instant()) > 0) {
                events.publish(new ReactionEvents.Reacted(accountId, target, name, emoji, id));
            }
            return null;
        });
    }

    private void remove(org.jdbi.v3.core.Handle h, ReactionStore.Reaction r, Status target) {
        if (store.delete(h, r.id()) == 0) return;
        CustomEmoji emoji = r.customEmojiId() == null ? null : emojis.byId(r.customEmojiId()).orElse(null);
        events.publish(new ReactionEvents.Unreacted(r.accountId(), target, r.name(), emoji, r.id()));
    }

    /** A reaction name a local account may use. */
    private record Name(String name, CustomEmoji emoji) {}

    private Name localName(String raw) {
        String s = raw == null ? "" : raw.strip();
        var m = CUSTOM.matcher(s);
        if (m.matches() && !s.chars().allMatch(Character::isDigit)) {
            CustomEmoji e = emojis.localEmoji(m.group(1)).orElseThrow(() -> new ValidationException("Unknown custom emoji"));
            return new Name(e.shortcode(), e);
        }
        return new Name(UnicodeEmoji.check(s), null);
    }

    /** The stored name an API path names: a Unicode emoji, a shortcode (with or without colons), or shortcode@domain. */
    private static String nameForLookup(String raw) {
        String s = raw.strip();
        if (s.startsWith(":") && s.endsWith(":") && s.length() > 2) s = s.substring(1, s.length() - 1);
        return s;
    }

    private Status visibleTarget(Long accountId, long statusId) {
        Status s = statuses.byId(statusId).orElseThrow(() -> new NotFoundException("status"));
        if (!visibility.canSee(accountId, s)) throw new NotFoundException("status");
        if (s.isReblog()) s = statuses.byId(s.reblogOfId()).orElseThrow(() -> new NotFoundException("status"));
        return s;
    }

    /** Misskey's reactions before v12 had names; Misskey and Pleroma map them to these emoji. */
    private static final Map<String, String> MISSKEY_LEGACY = Map.ofEntries(
            Map.entry("like", "👍"), Map.entry("love", "❤"), Map.entry("laugh", "😆"), Map.entry("hmm", "🤔"),
            Map.entry("surprise", "😮"), Map.entry("congrats", "🎉"), Map.entry("angry", "💢"), Map.entry("confused", "😥"),
            Map.entry("rip", "😇"), Map.entry("pudding", "🍮"), Map.entry("star", "⭐"));
}
