package social.atoll.core.moderation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import social.atoll.core.account.AccountStore;
import social.atoll.core.account.User;
import social.atoll.core.common.NotFoundException;
import social.atoll.core.common.ValidationException;
import social.atoll.infra.db.Database;

/**
 * Roles as Mastodon's {@code UserRole}: which role a user holds (and so what they may do), and managing the roles
 * themselves ({@code manage_roles}). The position rules are Mastodon's: a role is created, edited, deleted or
 * assigned only by someone placed strictly above it, who cannot grant bits they lack; nobody changes their own role.
 */
public final class Roles {

    public static final int MAX_NAME = 100;
    /** Mastodon's {@code UserRole::CSS_COLORS}. */
    private static final Pattern COLOR = Pattern.compile("#?(?:[A-Fa-f0-9]{3}){1,2}");
    /** Profiles show highlighted roles; another process's change shows within this time. */
    private static final Duration BADGES_TTL = Duration.ofSeconds(30);

    /** What a form or the CLI asks a role to be. */
    public record RoleForm(String name, String color, int position, long permissions, boolean highlighted) {}

    /** A role with how many users hold it (the roles page). */
    public record Listed(StaffRole role, int users) {}

    /** The roles and who holds one, as last read: for display only (profiles, the nav), never for a permission. */
    private record Badges(Instant at, Map<Long, StaffRole> roles, Map<Long, StaffRole> byAccount) {}

    private final Database db;
    private final RoleStore store;
    private final AccountStore accounts;
    private final ActionLogStore log;
    private final Clock clock;
    private volatile Badges badges;
    private final java.util.concurrent.atomic.AtomicLong changes = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicBoolean renewing = new java.util.concurrent.atomic.AtomicBoolean();
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Roles.class);

    public Roles(Database db, RoleStore store, AccountStore accounts, ActionLogStore log, Clock clock) {
        this.db = db;
        this.store = store;
        this.accounts = accounts;
        this.log = log;
        this.clock = clock;
    }

    // ---- Whose role is what ----

    /** The role {@code user} holds, with its computed permissions (the everyone role when it has none). */
    public StaffRole of(User user) {
        long id = user.roleId() == null ? StaffRole.EVERYONE_ID : user.roleId();
        StaffRole everyone = null, own = null;
        for (StaffRole r : store.withEveryone(id)) {
            if (r.everyone()) everyone = r;
            if (r.id() == id) own = r;
        }
        long everyoneBits = everyone == null ? Permission.INVITE_USERS.bit : everyone.permissions();
        if (own == null) own = everyone != null ? everyone : new StaffRole(StaffRole.EVERYONE_ID, "", "", -1, everyoneBits, false, 0);
        return own.withEveryone(everyoneBits);
    }

    /** The staff member acting for a request, with the role they hold now. */
    public StaffAccess.Actor actor(long accountId, User user) { return new StaffAccess.Actor(accountId, user, of(user)); }

    /** Resolves many users' roles from one read of the roles (a page of admin accounts). */
    public java.util.function.Function<User, StaffRole> resolver() {
        Map<Long, StaffRole> byId = new HashMap<>();
        for (StaffRole r : all()) byId.put(r.id(), r);
        StaffRole everyone = byId.get(StaffRole.EVERYONE_ID);
        return u -> u == null ? null : byId.getOrDefault(u.roleId() == null ? StaffRole.EVERYONE_ID : u.roleId(), everyone);
    }

    /** Every role, the highest first, with computed permissions. */
    public List<StaffRole> all() { return computed(store.all()); }

    public Optional<StaffRole> byId(long id) { return all().stream().filter(r -> r.id() == id).findFirst(); }

    /**
     * A role by id or (case-insensitive) name, as the CLI and API filters name them; "user" and "everyone" name the
     * everyone role.
     */
    public Optional<StaffRole> find(String idOrName) {
        String k = idOrName.strip().toLowerCase(Locale.ROOT);
        for (StaffRole r : all()) {
            if (Long.toString(r.id()).equals(k) || (!r.everyone() && r.name().toLowerCase(Locale.ROOT).equals(k))) return Optional.of(r);
            if (r.everyone() && (k.equals("user") || k.equals("everyone"))) return Optional.of(r);
        }
        return Optional.empty();
    }

    /** The highlighted role of each of {@code accountIds} that has one: Mastodon's {@code roles} on a profile. */
    public Map<Long, StaffRole> highlighted(Collection<Long> accountIds) {
        Badges b = badges();
        Map<Long, StaffRole> out = new HashMap<>();
        for (Long id : accountIds) {
            StaffRole r = b.byAccount().get(id);
            if (r != null && r.highlighted()) out.put(id, r);
        }
        return out;
    }

    /**
     * Whether to show {@code user} the way to the dashboard: a role granting more than everyone's bits. From the
     * display cache (no query per page); the pages themselves still ask {@link #actor} for the role as it is now.
     */
    public boolean looksStaff(User user) {
        if (user.roleId() == null) return false;
        StaffRole r = badges().roles().get(user.roleId());
        return r != null && r.staff();
    }

    /**
     * The display cache. Past its time it is still served while one background read renews it, so no page pays for
     * the renewal (nor counts its queries); a change made here drops it at once ({@link #changed}).
     */
    private Badges badges() {
        Badges b = badges;
        if (b == null) return reload();
        if (b.at().plus(BADGES_TTL).isBefore(clock.instant()) && renewing.compareAndSet(false, true)) {
            Thread.ofVirtual().name("roles-badges").start(() -> {
                try {
                    reload();
                } catch (RuntimeException e) {
                    LOG.debug("roles: renewing the display cache failed", e); // tried again on the next page
                } finally {
                    renewing.set(false);
                }
            });
        }
        return b;
    }

    private Badges reload() {
        long generation = changes.get();
        Map<Long, StaffRole> byId = new HashMap<>();
        for (StaffRole r : all()) byId.put(r.id(), r);
        Map<Long, StaffRole> byAccount = new HashMap<>();
        store.holdersByAccount().forEach((account, role) -> {
            StaffRole r = byId.get(role);
            if (r != null) byAccount.put(account, r);
        });
        Badges b = new Badges(clock.instant(), Map.copyOf(byId), Map.copyOf(byAccount));
        // a read begun before a change here would bring back what the change replaced
        if (changes.get() == generation) badges = b;
        return b;
    }

    /** After a committed change: the next page reads the roles afresh. */
    private <T> T changed(T result) {
        changes.incrementAndGet();
        badges = null;
        return result;
    }

    /** Local accounts (not disabled) whose role grants {@code p}: who hears of new reports, sign-ups, appeals. */
    public List<Long> accountsThatCan(Handle h, Permission p) {
        List<StaffRole> roles = computed(store.all(h));
        List<Long> ids = new ArrayList<>();
        for (StaffRole r : roles) if (!r.everyone() && r.can(p)) ids.add(r.id());
        // Everyone holding it is Mastodon's "every user can": not a staff notice we send to the whole server.
        return accounts.withRoles(h, ids);
    }

    // ---- Managing roles (manage_roles) ----

    /** The roles page: every role with its holders; which the actor may change is {@link #editable}. */
    public List<Listed> list(StaffAccess.Actor actor) {
        StaffAccess.require(actor, Permission.MANAGE_ROLES);
        Map<Long, Integer> usage = store.usage();
        List<Listed> out = new ArrayList<>();
        for (StaffRole r : all()) out.add(new Listed(r, usage.getOrDefault(r.id(), 0)));
        return out;
    }

    public StaffRole get(StaffAccess.Actor actor, long id) {
        StaffAccess.require(actor, Permission.MANAGE_ROLES);
        return byId(id).orElseThrow(() -> new NotFoundException("role"));
    }

    /** Mastodon's {@code update?}: {@code manage_roles} and the role placed strictly below one's own. */
    public static boolean editable(StaffAccess.Actor actor, StaffRole role) {
        return StaffAccess.can(actor, Permission.MANAGE_ROLES) && (actor.system() || actor.role().outranks(role));
    }

    /** The roles the actor may give a user: below their own, highest first; the everyone role removes a role. */
    public List<StaffRole> assignable(StaffAccess.Actor actor) {
        if (!StaffAccess.can(actor, Permission.MANAGE_ROLES)) return List.of();
        return all().stream().filter(r -> actor.system() || actor.role().outranks(r)).toList();
    }

    public StaffRole create(StaffAccess.Actor actor, RoleForm form) {
        StaffAccess.require(actor, Permission.MANAGE_ROLES);
        return changed(db.write(h -> {
            long id = store.nextId(h);
            StaffRole r = validated(h, actor, id, form);
            store.insert(h, r, clock.instant());
            log.record(h, actor, "create", "UserRole", id, r.name(), describe(r));
            return r;
        })).withEveryone(everyoneBits());
    }

    public StaffRole update(StaffAccess.Actor actor, long id, RoleForm form) {
        StaffAccess.require(actor, Permission.MANAGE_ROLES);
        return changed(db.write(h -> {
            StaffRole before = store.byId(h, id).orElseThrow(() -> new NotFoundException("role"));
            if (!actor.system() && !actor.role().outranks(before)) throw StaffAccess.refused();
            RoleForm f = before.everyone()
                    ? new RoleForm("", "", before.position(), form.permissions(), false)
                    : form;
            StaffRole r = validated(h, actor, id, f);
            store.update(h, r, clock.instant());
            Map<String, Object> d = describe(r);
            if (!before.name().equals(r.name())) d.put("from_name", before.name());
            if (before.permissions() != r.permissions()) d.put("from_permissions", Long.toString(before.permissions()));
            if (before.position() != r.position()) d.put("from_position", before.position());
            log.record(h, actor, "update", "UserRole", id, r.everyone() ? "@everyone" : r.name(), d);
            return r;
        })).withEveryone(everyoneBits());
    }

    /** Removes a custom role nobody holds; the seeded ones stay (sign-up and {@code --role} rely on them). */
    public StaffRole delete(StaffAccess.Actor actor, long id) {
        StaffAccess.require(actor, Permission.MANAGE_ROLES);
        return changed(db.write(h -> {
            StaffRole r = store.byId(h, id).orElseThrow(() -> new NotFoundException("role"));
            if (!actor.system() && !actor.role().outranks(r)) throw StaffAccess.refused();
            if (r.builtIn()) throw new ValidationException("Built-in roles cannot be deleted");
            int holders = store.holders(h, id);
            if (holders > 0) throw new ValidationException("This role is held by " + holders + " user(s); give them another role first");
            store.delete(h, id);
            log.record(h, actor, "destroy", "UserRole", id, r.name(), describe(r));
            return r;
        }));
    }

    /**
     * Gives a local account's user the role {@code roleId} (the everyone role's id or null: no role). Mastodon's
     * {@code change_role?}: {@code manage_roles}, the target's current role and the new one both strictly below
     * the actor's, and never oneself.
     */
    public StaffRole assign(StaffAccess.Actor actor, long accountId, Long roleId) {
        StaffAccess.require(actor, Permission.MANAGE_ROLES);
        long wanted = roleId == null ? StaffRole.EVERYONE_ID : roleId;
        User u = accounts.userByAccountId(accountId).orElseThrow(() -> new NotFoundException("account"));
        if (actor.accountId() != null && actor.accountId() == accountId) throw StaffAccess.refused();
        StaffRole current = of(u);
        StaffAccess.requireOutranks(actor, current);
        String acct = accounts.byId(accountId).map(a -> a.acct()).orElse(Long.toString(accountId));
        return changed(db.write(h -> {
            StaffRole next = store.byId(h, wanted).orElseThrow(() -> new NotFoundException("role"));
            if (!actor.system() && !actor.role().outranks(next)) throw StaffAccess.refused();
            accounts.setRole(h, accountId, next.everyone() ? null : next.id());
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("from", current.key());
            d.put("from_id", Long.toString(current.id()));
            d.put("to", next.key());
            d.put("to_id", Long.toString(next.id()));
            log.record(h, actor, "change_role", "User", u.id(), acct, d);
            return next;
        })).withEveryone(everyoneBits());
    }

    // ---- helpers ----

    private StaffRole validated(Handle h, StaffAccess.Actor actor, long id, RoleForm f) {
        boolean everyone = id == StaffRole.EVERYONE_ID;
        String name = f.name() == null ? "" : f.name().strip();
        String color = f.color() == null ? "" : f.color().strip();
        long bits = f.permissions() & Permission.ALL;
        if (!everyone) {
            if (name.isEmpty()) throw new ValidationException("Name can't be blank");
            if (name.length() > MAX_NAME) throw new ValidationException("Name is too long (maximum is " + MAX_NAME + " characters)");
            if (store.nameTaken(h, name, id)) throw new ValidationException("Name has already been taken");
        }
        if (!color.isEmpty() && !COLOR.matcher(color).matches()) throw new ValidationException("Color is not a valid colour (#rgb or #rrggbb)");
        if (everyone && (bits & ~Permission.INVITE_USERS.bit) != 0)
            throw new ValidationException("The everyone role may only hold permissions every user can safely have");
        if (!actor.system()) {
            if (!everyone && f.position() >= actor.role().position())
                throw new ValidationException("Position must be below your own role's (" + actor.role().position() + ")");
            if ((actor.role().computed() & bits) != bits) throw new ValidationException("You cannot grant permissions you do not have");
        }
        return new StaffRole(id, everyone ? "" : name, color, everyone ? -1 : f.position(), bits, !everyone && f.highlighted(), 0);
    }

    private long everyoneBits() {
        for (StaffRole r : store.all()) if (r.everyone()) return r.permissions();
        return Permission.INVITE_USERS.bit;
    }

    private static List<StaffRole> computed(List<StaffRole> rows) {
        long everyone = Permission.INVITE_USERS.bit;
        for (StaffRole r : rows) if (r.everyone()) everyone = r.permissions();
        List<StaffRole> out = new ArrayList<>(rows.size());
        for (StaffRole r : rows) out.add(r.withEveryone(everyone));
        return out;
    }

    private static Map<String, Object> describe(StaffRole r) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("name", r.name());
        d.put("position", r.position());
        d.put("permissions", Long.toString(r.permissions()));
        d.put("highlighted", r.highlighted());
        if (!r.color().isEmpty()) d.put("color", r.color());
        return d;
    }
}
