package social.atoll.api.entity;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import social.atoll.config.Settings;
import social.atoll.core.account.Account;
import social.atoll.core.account.AccountQueries;
import social.atoll.core.account.ProfileService;
import social.atoll.core.account.User;
import social.atoll.core.moderation.Roles;
import social.atoll.core.moderation.StaffRole;

/**
 * Core accounts → Mastodon Account JSON. Renders many accounts with one query for their moved-to targets (no
 * N+1). Suspended accounts come out blanked, as Mastodon shows them.
 */
public final class AccountViews {

    private final Settings settings;
    private final AccountQueries accounts;
    /** Profile image URLs: stored images by media id, remote ones through the media proxy; null: remote URLs as they are. */
    private final MediaViews media;

    /** The custom emoji of names, bios and fields; null: none shown (the push payload needs only avatars). */
    private final EmojiViews emojis;

    /** Who holds which role: the credential account's {@code role} and profiles' highlighted {@code roles}; null: none. */
    private final Roles roles;

    public AccountViews(Settings settings, AccountQueries accounts, MediaViews media) { this(settings, accounts, media, null, null); }

    public AccountViews(Settings settings, AccountQueries accounts, MediaViews media, EmojiViews emojis, Roles roles) {
        this.settings = settings;
        this.accounts = accounts;
        this.media = media;
        this.emojis = emojis;
        this.roles = roles;
    }

    public AccountEntity render(Account a) { return renderAll(List.of(a)).get(0); }

    public List<AccountEntity> renderAll(List<Account> list) {
        Set<Long> movedIds = new HashSet<>();
        for (Account a : list) if (a.movedToAccountId() != null) movedIds.add(a.movedToAccountId());
        Map<Long, Account> moved = movedIds.isEmpty() ? Map.of() : accounts.byIds(movedIds);
        Set<Long> imageIds = new HashSet<>();
        for (Account a : list) addImageIds(imageIds, a);
        for (Account a : moved.values()) addImageIds(imageIds, a);
        Map<Long, String> images = media == null || imageIds.isEmpty() ? Map.of() : media.imageUrls(imageIds);
        // each account's fields parsed once, for its emoji and its entity (they were parsed twice)
        Map<Long, List<ProfileService.StoredField>> fields = new HashMap<>();
        for (Account a : list) fields.computeIfAbsent(a.id(), k -> fieldsOf(a));
        for (Account a : moved.values()) fields.computeIfAbsent(a.id(), k -> fieldsOf(a));
        Map<Long, List<Object>> emojiLists = emojiLists(list, moved.values(), fields);
        Map<Long, StaffRole> badges = badges(list, moved.values());
        List<AccountEntity> out = new ArrayList<>(list.size());
        for (Account a : list) {
            Account target = a.movedToAccountId() == null ? null : moved.get(a.movedToAccountId());
            out.add(entity(a, target == null ? null : entity(target, null, images, emojiLists, badges, fields.get(target.id())), images,
                    emojiLists, badges, fields.get(a.id())));
        }
        return out;
    }

    /** The stored fields; most accounts have none ({@code []}, the column's default), which needs no JSON parser. */
    private List<ProfileService.StoredField> fieldsOf(Account a) {
        String f = a.fields();
        return f == null || f.isBlank() || f.equals("[]") ? List.of() : accounts.fields(a);
    }

    /** The highlighted role of each local account that holds one (Mastodon shows only those on profiles). */
    private Map<Long, StaffRole> badges(List<Account> list, Collection<Account> moved) {
        if (roles == null) return Map.of();
        List<Long> local = new ArrayList<>();
        for (Account a : list) if (a.local()) local.add(a.id());
        for (Account a : moved) if (a.local()) local.add(a.id());
        return local.isEmpty() ? Map.of() : roles.highlighted(local);
    }

    /** Mastodon's {@code roles} on the Account entity: id, name and color of the highlighted role. */
    private static List<Map<String, Object>> badge(StaffRole r) {
        if (r == null) return List.of();
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("id", Long.toString(r.id()));
        m.put("name", r.name());
        m.put("color", r.color());
        return List.of(m);
    }

    /** The custom emoji each account's name, bio and fields name, looked up among its server's emoji. */
    private Map<Long, List<Object>> emojiLists(List<Account> list, Collection<Account> moved,
                                               Map<Long, List<ProfileService.StoredField>> fields) {
        if (emojis == null) return Map.of();
        Map<Long, EmojiViews.Texts> texts = new HashMap<>();
        for (Account a : list) texts.put(a.id(), texts(a, fields.get(a.id())));
        for (Account a : moved) texts.put(a.id(), texts(a, fields.get(a.id())));
        return emojis.render(texts);
    }

    private EmojiViews.Texts texts(Account a, List<ProfileService.StoredField> fields) {
        List<String> t = new ArrayList<>();
        t.add(a.displayName());
        t.add(a.note());
        if (a.fields() != null && a.fields().indexOf(':') >= 0) {
            for (ProfileService.StoredField f : fields) {
                t.add(f.name());
                t.add(f.value());
            }
        }
        return new EmojiViews.Texts(a.domain(), t.toArray(String[]::new));
    }

    private static void addImageIds(Set<Long> ids, Account a) {
        if (a.avatarMediaId() != null) ids.add(a.avatarMediaId());
        if (a.headerMediaId() != null) ids.add(a.headerMediaId());
    }

    /** A stored profile image, else the remote one through the media proxy, else Mastodon's "missing" image. */
    private String image(Long mediaId, String remoteUrl, Map<Long, String> images, String missing) {
        String stored = mediaId == null ? null : images.get(mediaId);
        if (stored != null) return stored;
        String remote = remoteUrl == null ? null : (media == null ? remoteUrl : media.proxy().proxied(remoteUrl));
        return remote != null ? remote : settings.url(missing);
    }

    /** Renders accounts by id, keeping the map for callers that assemble statuses or notifications. */
    public Map<Long, AccountEntity> renderByIds(Collection<Long> ids) {
        Map<Long, Account> found = accounts.byIds(ids);
        List<Account> list = new ArrayList<>(found.values());
        List<AccountEntity> rendered = renderAll(list);
        Map<Long, AccountEntity> out = new HashMap<>();
        for (int i = 0; i < list.size(); i++) out.put(list.get(i).id(), rendered.get(i));
        return out;
    }

    /** The credential account of verify_credentials / update_credentials. */
    public AccountEntity credential(Account a, User u, int followRequestsCount) { return credential(a, u, followRequestsCount, "public"); }

    /** As above, with the user's default quote policy (Mastodon 4.5's {@code source.quote_policy}). */
    public AccountEntity credential(Account a, User u, int followRequestsCount, String quotePolicy) {
        List<AccountEntity.Field> sourceFields = new ArrayList<>();
        for (ProfileService.StoredField f : accounts.fields(a)) sourceFields.add(new AccountEntity.Field(f.name(), f.valueSource() == null ? "" : f.valueSource(), f.verifiedAt()));
        var source = new AccountEntity.Source(a.noteSource(), sourceFields, u.defaultPrivacy(), u.defaultSensitive(),
                u.defaultLanguage() == null ? "" : u.defaultLanguage(), followRequestsCount, a.hideCollections(),
                a.discoverable(), a.indexable(), List.of(), quotePolicy);
        return render(a).withCredentials(source, roles == null ? null : role(roles.of(u)));
    }

    /** Mastodon's Role entity: the permissions are the computed ones, as a string. */
    public static AccountEntity.Role role(StaffRole r) {
        return new AccountEntity.Role(Long.toString(r.id()), r.name(), Long.toString(r.computed()), r.color(), r.highlighted());
    }

    private AccountEntity entity(Account a, AccountEntity moved, Map<Long, String> images, Map<Long, List<Object>> emojiLists,
                                 Map<Long, StaffRole> badges, List<ProfileService.StoredField> storedFields) {
        String url = a.url() != null ? a.url() : a.uri();
        String avatar = a.suspended() ? settings.url("/avatars/original/missing.png")
                : image(a.avatarMediaId(), a.avatarRemoteUrl(), images, "/avatars/original/missing.png");
        String header = a.suspended() ? settings.url("/headers/original/missing.png")
                : image(a.headerMediaId(), a.headerRemoteUrl(), images, "/headers/original/missing.png");
        if (a.suspended()) {
            return new AccountEntity(Long.toString(a.id()), a.username(), a.acct(), url, a.uri(), "", "", avatar, avatar,
                    header, header, false, false, false, false, false, false, List.of(), List.of(), List.of(), null,
                    true, null, null, Dates.midnight(a.createdAt()), null, 0, 0, 0, null, null);
        }
        List<AccountEntity.Field> fields = new ArrayList<>();
        for (ProfileService.StoredField f : storedFields) fields.add(new AccountEntity.Field(f.name(), f.value() == null ? "" : f.value(), f.verifiedAt()));
        return new AccountEntity(Long.toString(a.id()), a.username(), a.acct(), url, a.uri(),
                a.displayName() == null ? "" : a.displayName(), a.note() == null ? "" : a.note(),
                avatar, avatar, header, header, a.locked(), a.bot(), "Group".equals(a.actorType()), a.discoverable(),
                a.indexable(), a.hideCollections(), fields, emojiLists.getOrDefault(a.id(), List.of()), badge(badges.get(a.id())), moved, null,
                a.memorial() ? Boolean.TRUE : null, a.local() ? !a.indexable() : null,
                Dates.midnight(a.createdAt()), Dates.date(a.lastStatusAt()), a.statusesCount(), a.followersCount(),
                a.followingCount(), null, null);
    }
}
