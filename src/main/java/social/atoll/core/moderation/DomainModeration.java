package social.atoll.core.moderation;

import java.net.IDN;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import social.atoll.core.account.AccountStore;
import social.atoll.core.account.AccountStore.Mark;
import social.atoll.core.common.NotFoundException;
import social.atoll.core.common.ValidationException;
import social.atoll.infra.db.Database;
import social.atoll.infra.events.EventBus;
import social.atoll.infra.ids.IdGenerator;

/**
 * Server-wide domain blocks and allows ({@code manage_federation}), as Mastodon's {@code BlockDomainService}: a
 * {@code suspend} marks every known account of the domain and its subdomains suspended (at the block's time) and
 * cuts every follow with them both ways; a {@code silence} marks them silenced; lifting or softening the block
 * clears exactly the marks it set. What is refused from then on (activities, fetches, deliveries, media, reports)
 * is {@link FederationPolicy}'s answer, read from the same table.
 */
public final class DomainModeration {

    /** What an admin sends to create or change a block; null fields keep their value on update. */
    public record BlockRequest(String domain, String severity, Boolean rejectMedia, Boolean rejectReports, String privateComment,
                               String publicComment, Boolean obfuscate) {}

    /** Announced after a block is created, changed or lifted. */
    public record DomainBlockChanged(String domain) {}

    private static final Pattern DOMAIN = Pattern.compile("^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:\\d{1,5})?$");

    private final Database db;
    private final DomainBlockStore store;
    private final AccountStore accounts;
    private final AccountModeration accountModeration;
    private final ActionLogStore log;
    private final IdGenerator ids;
    private final Clock clock;
    private final EventBus events;

    public DomainModeration(Database db, DomainBlockStore store, AccountStore accounts, AccountModeration accountModeration,
                            ActionLogStore log, IdGenerator ids, Clock clock, EventBus events) {
        this.db = db;
        this.store = store;
        this.accounts = accounts;
        this.accountModeration = accountModeration;
        this.log = log;
        this.ids = ids;
        this.clock = clock;
        this.events = events;
    }

    /** Lower-cased, punycode, no scheme or path; a port is kept. Throws Mastodon's validation text otherwise. */
    public static String normalize(String raw) {
        if (raw == null || raw.isBlank()) throw new ValidationException("Domain can't be blank");
        String d = raw.strip().toLowerCase(Locale.ROOT);
        int scheme = d.indexOf("://");
        if (scheme >= 0) d = d.substring(scheme + 3);
        int slash = d.indexOf('/');
        if (slash >= 0) d = d.substring(0, slash);
        while (d.endsWith(".")) d = d.substring(0, d.length() - 1);
        try {
            String port = "";
            int colon = d.lastIndexOf(':');
            if (colon > 0) {
                port = d.substring(colon);
                d = d.substring(0, colon);
            }
            d = IDN.toASCII(d, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT) + port;
        } catch (IllegalArgumentException e) {
            throw new ValidationException("Domain is not a valid domain name");
        }
        if (!DOMAIN.matcher(d).matches()) throw new ValidationException("Domain is not a valid domain name");
        return d;
    }

    public List<DomainBlock> blocks(StaffAccess.Actor actor) {
        StaffAccess.require(actor, Permission.MANAGE_FEDERATION);
        return store.blocks();
    }

    public DomainBlock block(StaffAccess.Actor actor, long id) {
        StaffAccess.require(actor, Permission.MANAGE_FEDERATION);
        return store.block(id).orElseThrow(() -> new NotFoundException("domain block"));
    }

    /** Blocks a domain; an existing block of it is a 422, as Mastodon answers. */
    public DomainBlock create(StaffAccess.Actor actor, BlockRequest req) {
        StaffAccess.require(actor, Permission.MANAGE_FEDERATION);
        String domain = normalize(req.domain());
        String severity = severity(req.severity(), "silence");
        Instant now = clock.instant();
        DomainBlock b = new DomainBlock(ids.next(), domain, severity, Boolean.TRUE.equals(req.rejectMedia()),
                Boolean.TRUE.equals(req.rejectReports()), blankToNull(req.privateComment()), blankToNull(req.publicComment()),
                Boolean.TRUE.equals(req.obfuscate()), now);
        db.write(h -> {
            if (store.blockOf(h, domain).isPresent()) throw new ValidationException("Domain has already been taken");
            store.insert(h, b);
            apply(h, b);
            log.record(h, actor, "create", "DomainBlock", b.id(), domain, summary(b));
            events.publish(new DomainBlockChanged(domain));
            return null;
        });
        return b;
    }

    public DomainBlock update(StaffAccess.Actor actor, long id, BlockRequest req) {
        StaffAccess.require(actor, Permission.MANAGE_FEDERATION);
        DomainBlock old = block(actor, id);
        DomainBlock b = new DomainBlock(old.id(), old.domain(), severity(req.severity(), old.severity()),
                req.rejectMedia() == null ? old.rejectMedia() : req.rejectMedia(),
                req.rejectReports() == null ? old.rejectReports() : req.rejectReports(),
                req.privateComment() == null ? old.privateComment() : blankToNull(req.privateComment()),
                req.publicComment() == null ? old.publicComment() : blankToNull(req.publicComment()),
                req.obfuscate() == null ? old.obfuscate() : req.obfuscate(), old.createdAt());
        db.write(h -> {
            if (!old.severity().equals(b.severity())) lift(h, old);
            store.update(h, b, clock.instant());
            apply(h, b);
            log.record(h, actor, "update", "DomainBlock", b.id(), b.domain(), summary(b));
            events.publish(new DomainBlockChanged(b.domain()));
            return null;
        });
        return b;
    }

    public DomainBlock delete(StaffAccess.Actor actor, long id) {
        StaffAccess.require(actor, Permission.MANAGE_FEDERATION);
        DomainBlock b = block(actor, id);
        db.write(h -> {
            lift(h, b);
            store.deleteBlock(h, id);
            log.record(h, actor, "destroy", "DomainBlock", id, b.domain(), Map.of());
            events.publish(new DomainBlockChanged(b.domain()));
            return null;
        });
        return b;
    }

    /** Lifts the block of exactly {@code domain} (the CLI's door). */
    public DomainBlock deleteByDomain(StaffAccess.Actor actor, String domain) {
        String d = normalize(domain);
        long id = db.read(h -> store.blockOf(h, d)).orElseThrow(() -> new NotFoundException("domain block")).id();
        return delete(actor, id);
    }

    /** Creates the block of {@code req.domain()}, or changes the existing one (the CLI's door). */
    public DomainBlock createOrUpdate(StaffAccess.Actor actor, BlockRequest req) {
        String d = normalize(req.domain());
        var existing = db.read(h -> store.blockOf(h, d));
        return existing.isPresent() ? update(actor, existing.get().id(), req) : create(actor, req);
    }

    private void apply(Handle h, DomainBlock b) {
        List<String> domains = covered(h, b.domain());
        if (b.suspends()) {
            for (long accountId : accounts.markDomain(h, domains, Mark.SUSPENDED, b.createdAt())) accountModeration.cutFollows(h, accountId);
        } else if (b.silences()) {
            accounts.markDomain(h, domains, Mark.SILENCED, b.createdAt());
        }
    }

    private void lift(Handle h, DomainBlock b) {
        List<String> domains = covered(h, b.domain());
        Instant now = clock.instant();
        if (b.suspends()) accounts.unmarkDomain(h, domains, Mark.SUSPENDED, b.createdAt(), now);
        else if (b.silences()) accounts.unmarkDomain(h, domains, Mark.SILENCED, b.createdAt(), now);
    }

    /** The known account domains a block of {@code domain} covers: itself, its subdomains, any port unless it names one. */
    private List<String> covered(Handle h, String domain) {
        boolean withPort = domain.indexOf(':') > 0;
        return accounts.knownDomainsUnder(h, domain).stream()
                .filter(d -> withPort ? d.equalsIgnoreCase(domain) : matches(d.toLowerCase(Locale.ROOT), domain)).toList();
    }

    private static boolean matches(String accountDomain, String blocked) {
        String host = social.atoll.config.SettingsLoader.hostOf(accountDomain);
        return host.equals(blocked) || host.endsWith("." + blocked);
    }

    /**
     * An account first met on a domain under a {@code silence} or {@code suspend} block starts silenced or suspended
     * at the block's time, so lifting the block lifts it too. With "approval for new servers" on, the first account
     * met on a server this one never knew (and no admin allowed) brings a {@code silence} block of that server,
     * written by the system and audited: its accounts start limited until staff lift or soften the block.
     */
    public social.atoll.core.account.Account markNewAccount(Handle h, social.atoll.core.account.Account a) {
        if (a.domain() == null) return a;
        var found = store.among(FederationPolicy.candidates(a.domain()));
        if (found.isEmpty() && approveNewServers.getAsBoolean() && !store.anyAllowed(FederationPolicy.candidates(a.domain()))
                && !store.knownBefore(h, a.domain(), a.id())) {
            found = List.of(holdNewServer(h, a.domain()));
        }
        if (found.isEmpty()) return a;
        DomainBlock b = found.get(0);
        if (b.domain().indexOf(':') < 0 || b.domain().equalsIgnoreCase(a.domain())) {
            if (b.suspends()) accounts.mark(h, a.id(), Mark.SUSPENDED, b.createdAt(), b.createdAt());
            else if (b.silences()) accounts.mark(h, a.id(), Mark.SILENCED, b.createdAt(), b.createdAt());
            else return a;
            return accounts.stored(h, a.id());
        }
        return a;
    }

    private volatile java.util.function.BooleanSupplier approveNewServers = () -> false;

    /** Where the "approval for new servers" setting is read (the site settings; off unless set). */
    public void approveNewServersWhen(java.util.function.BooleanSupplier setting) { this.approveNewServers = setting; }

    private DomainBlock holdNewServer(Handle h, String domain) {
        DomainBlock b = new DomainBlock(ids.next(), domain.toLowerCase(Locale.ROOT), "silence", false, false, NEW_SERVER_COMMENT, null, false,
                clock.instant());
        store.insert(h, b);
        log.record(h, StaffAccess.Actor.SYSTEM, "create", "DomainBlock", b.id(), b.domain(), summary(b));
        events.publish(new DomainBlockChanged(b.domain()));
        return b;
    }

    /** The private comment of a block made by "approval for new servers", so staff know why it is there. */
    public static final String NEW_SERVER_COMMENT = "New server, limited until approved (approval for new servers)";

    public List<DomainAllow> allows(StaffAccess.Actor actor) {
        StaffAccess.require(actor, Permission.MANAGE_FEDERATION);
        return store.allows();
    }

    public DomainAllow allow(StaffAccess.Actor actor, long id) {
        StaffAccess.require(actor, Permission.MANAGE_FEDERATION);
        return store.allow(id).orElseThrow(() -> new NotFoundException("domain allow"));
    }

    /** Allows a domain; allowing it again answers the existing allow, as Mastodon does. */
    public DomainAllow createAllow(StaffAccess.Actor actor, String rawDomain) {
        StaffAccess.require(actor, Permission.MANAGE_FEDERATION);
        String domain = normalize(rawDomain);
        return db.write(h -> {
            var existing = store.allowOf(h, domain);
            if (existing.isPresent()) return existing.get();
            DomainAllow a = new DomainAllow(ids.next(), domain, clock.instant());
            store.insertAllow(h, a);
            log.record(h, actor, "create", "DomainAllow", a.id(), domain, Map.of());
            return a;
        });
    }

    public DomainAllow deleteAllow(StaffAccess.Actor actor, long id) {
        DomainAllow a = allow(actor, id);
        db.write(h -> {
            store.deleteAllow(h, id);
            log.record(h, actor, "destroy", "DomainAllow", id, a.domain(), Map.of());
            return null;
        });
        return a;
    }

    /** The public list of {@code /api/v1/instance/domain_blocks}: every block, obfuscated ones shown so. */
    public List<DomainBlock> publicBlocks() { return store.blocks(); }

    /** Mastodon's {@code DomainBlock#public_domain}: the middle half of the name starred out, dots kept. */
    public static String obfuscated(String domain) {
        int length = domain.length();
        int visible = length / 4;
        StringBuilder b = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            char c = domain.charAt(i);
            b.append(i > visible && i < length - visible && c != '.' ? '*' : c);
        }
        return b.toString();
    }

    private static String severity(String raw, String dflt) {
        if (raw == null || raw.isBlank()) return dflt;
        if (!DomainBlock.SEVERITIES.contains(raw)) throw new ValidationException("Severity is not included in the list");
        return raw;
    }

    private static String blankToNull(String s) { return s == null || s.isBlank() ? null : s; }

    private static Map<String, Object> summary(DomainBlock b) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("severity", b.severity());
        d.put("reject_media", b.rejectMedia());
        d.put("reject_reports", b.rejectReports());
        return d;
    }
}
