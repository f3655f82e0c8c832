package social.atoll.core.moderation;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import social.atoll.core.common.NotFoundException;
import social.atoll.core.common.ValidationException;
import social.atoll.infra.db.Database;
import social.atoll.infra.ids.IdGenerator;

/**
 * What may sign up ({@code manage_blocks}): Mastodon's e-mail domain blocks (subdomains covered, optionally "allow
 * with approval"), canonical e-mail blocks (the address without dots or a {@code +tag} in its local part, stored
 * hashed) and IP blocks (an address or CIDR range; {@code sign_up_requires_approval}, {@code sign_up_block},
 * {@code no_access}, with an optional expiry). {@link #screen} is the one answer the sign-up asks for.
 */
public final class SignUpBlocks implements social.atoll.core.account.SignUpService.Screen {

    public record EmailDomainBlock(long id, String domain, boolean allowWithApproval, Instant createdAt) {}

    public record CanonicalEmailBlock(long id, String canonicalEmailHash, Instant createdAt) {}

    public record IpBlock(long id, String ip, String severity, String comment, Instant expiresAt, Instant createdAt) {}

    public static final Set<String> IP_SEVERITIES = Set.of("sign_up_requires_approval", "sign_up_block", "no_access");


    private final Database db;
    private final SignUpBlockStore store;
    private final ActionLogStore log;
    private final IdGenerator ids;
    private final Clock clock;

    public SignUpBlocks(Database db, SignUpBlockStore store, ActionLogStore log, IdGenerator ids, Clock clock) {
        this.db = db;
        this.store = store;
        this.log = log;
        this.ids = ids;
        this.clock = clock;
    }

    @Override
    public Outcome screen(String email, String ip) {
        Instant now = clock.instant();
        boolean approval = false;
        if (ip != null) {
            for (IpBlock b : store.ipBlocks()) {
                if (b.expiresAt() != null && !b.expiresAt().isAfter(now)) continue;
                if (!covers(b.ip(), ip)) continue;
                if (b.severity().equals("sign_up_requires_approval")) approval = true;
                else return Outcome.BLOCKED_IP;
            }
        }
        if (email != null && email.indexOf('@') > 0) {
            String domain = email.substring(email.lastIndexOf('@') + 1).strip().toLowerCase(Locale.ROOT);
            for (EmailDomainBlock b : store.emailDomainBlocks()) {
                if (!(domain.equals(b.domain()) || domain.endsWith("." + b.domain()))) continue;
                if (b.allowWithApproval()) approval = true;
                else return Outcome.BLOCKED_EMAIL;
            }
            if (store.canonicalBlocked(canonicalHash(email))) return Outcome.BLOCKED_EMAIL;
        }
        return approval ? Outcome.APPROVAL : Outcome.ALLOW;
    }

    // e-mail domain blocks

    public List<EmailDomainBlock> emailDomainBlocks(StaffAccess.Actor actor) {
        StaffAccess.require(actor, Permission.MANAGE_BLOCKS);
        return store.emailDomainBlocks();
    }

    public EmailDomainBlock emailDomainBlock(StaffAccess.Actor actor, long id) {
        StaffAccess.require(actor, Permission.MANAGE_BLOCKS);
        return store.emailDomainBlock(id).orElseThrow(() -> new NotFoundException("e-mail domain block"));
    }

    public EmailDomainBlock blockEmailDomain(StaffAccess.Actor actor, String rawDomain, boolean allowWithApproval) {
        StaffAccess.require(actor, Permission.MANAGE_BLOCKS);
        String domain = DomainModeration.normalize(rawDomain);
        EmailDomainBlock b = new EmailDomainBlock(ids.next(), domain, allowWithApproval, clock.instant());
        db.write(h -> {
            if (store.emailDomainTaken(h, domain)) throw new ValidationException("Domain has already been taken");
            store.insert(h, b);
            log.record(h, actor, "create", "EmailDomainBlock", b.id(), domain, Map.of("allow_with_approval", allowWithApproval));
            return null;
        });
        return b;
    }

    public EmailDomainBlock unblockEmailDomain(StaffAccess.Actor actor, long id) {
        EmailDomainBlock b = emailDomainBlock(actor, id);
        db.write(h -> {
            store.delete(h, "email_domain_blocks", id);
            log.record(h, actor, "destroy", "EmailDomainBlock", id, b.domain(), Map.of());
            return null;
        });
        return b;
    }

    // canonical e-mail blocks

    public List<CanonicalEmailBlock> canonicalEmailBlocks(StaffAccess.Actor actor) {
        StaffAccess.require(actor, Permission.MANAGE_BLOCKS);
        return store.canonicalEmailBlocks();
    }

    public CanonicalEmailBlock canonicalEmailBlock(StaffAccess.Actor actor, long id) {
        StaffAccess.require(actor, Permission.MANAGE_BLOCKS);
        return store.canonicalEmailBlock(id).orElseThrow(() -> new NotFoundException("canonical e-mail block"));
    }

    /** Blocks an address, given as the address or as its canonical hash. */
    public CanonicalEmailBlock blockCanonicalEmail(StaffAccess.Actor actor, String email, String hash) {
        StaffAccess.require(actor, Permission.MANAGE_BLOCKS);
        String h64 = hash != null && !hash.isBlank() ? hash.strip().toLowerCase(Locale.ROOT) : email == null || email.isBlank() ? null : canonicalHash(email);
        if (h64 == null || !h64.matches("[0-9a-f]{64}")) throw new ValidationException("Canonical email hash can't be blank");
        CanonicalEmailBlock b = new CanonicalEmailBlock(ids.next(), h64, clock.instant());
        db.write(h -> {
            if (store.canonicalTaken(h, h64)) throw new ValidationException("Canonical email hash has already been taken");
            store.insert(h, b);
            log.record(h, actor, "create", "CanonicalEmailBlock", b.id(), h64, Map.of());
            return null;
        });
        return b;
    }

    public CanonicalEmailBlock unblockCanonicalEmail(StaffAccess.Actor actor, long id) {
        CanonicalEmailBlock b = canonicalEmailBlock(actor, id);
        db.write(h -> {
            store.delete(h, "canonical_email_blocks", id);
            log.record(h, actor, "destroy", "CanonicalEmailBlock", id, b.canonicalEmailHash(), Map.of());
            return null;
        });
        return b;
    }

    /** The blocks matching {@code email} ({@code POST /api/v1/admin/canonical_email_blocks/test}). */
    public List<CanonicalEmailBlock> canonicalBlocksMatching(StaffAccess.Actor actor, String email) {
        StaffAccess.require(actor, Permission.MANAGE_BLOCKS);
        String h = canonicalHash(email == null ? "" : email);
        return store.canonicalEmailBlocks().stream().filter(b -> b.canonicalEmailHash().equals(h)).toList();
    }

    /** Mastodon's canonical form: lower-cased, dots and any {@code +tag} dropped from the local part; then SHA-256, hex. */
    public static String canonicalHash(String email) {
        String e = email.strip().toLowerCase(Locale.ROOT);
        int at = e.indexOf('@');
        String local = at < 0 ? e : e.substring(0, at);
        String domain = at < 0 ? "" : e.substring(at + 1);
        local = local.replace(".", "");
        int plus = local.indexOf('+');
        if (plus >= 0) local = local.substring(0, plus);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest((local + "@" + domain).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    // IP blocks

    public List<IpBlock> ipBlocks(StaffAccess.Actor actor) {
        StaffAccess.require(actor, Permission.MANAGE_BLOCKS);
        return store.ipBlocks();
    }

    public IpBlock ipBlock(StaffAccess.Actor actor, long id) {
        StaffAccess.require(actor, Permission.MANAGE_BLOCKS);
        return store.ipBlock(id).orElseThrow(() -> new NotFoundException("IP block"));
    }

    public IpBlock blockIp(StaffAccess.Actor actor, String ip, String severity, String comment, Long expiresInSeconds) {
        StaffAccess.require(actor, Permission.MANAGE_BLOCKS);
        String range = normalizeRange(ip);
        if (severity == null || !IP_SEVERITIES.contains(severity)) throw new ValidationException("Severity is not included in the list");
        Instant now = clock.instant();
        IpBlock b = new IpBlock(ids.next(), range, severity, comment == null ? "" : comment,
                expiresInSeconds == null ? null : now.plus(Duration.ofSeconds(expiresInSeconds)), now);
        db.write(h -> {
            if (store.ipTaken(h, range)) throw new ValidationException("Ip has already been taken");
            store.insert(h, b);
            log.record(h, actor, "create", "IpBlock", b.id(), range, Map.of("severity", severity));
            return null;
        });
        return b;
    }

    public IpBlock updateIpBlock(StaffAccess.Actor actor, long id, String severity, String comment, Long expiresInSeconds) {
        IpBlock old = ipBlock(actor, id);
        if (severity != null && !IP_SEVERITIES.contains(severity)) throw new ValidationException("Severity is not included in the list");
        IpBlock b = new IpBlock(id, old.ip(), severity == null ? old.severity() : severity, comment == null ? old.comment() : comment,
                expiresInSeconds == null ? old.expiresAt() : clock.instant().plus(Duration.ofSeconds(expiresInSeconds)), old.createdAt());
        db.write(h -> {
            store.update(h, b);
            log.record(h, actor, "update", "IpBlock", id, b.ip(), Map.of("severity", b.severity()));
            return null;
        });
        return b;
    }

    public IpBlock unblockIp(StaffAccess.Actor actor, long id) {
        IpBlock b = ipBlock(actor, id);
        db.write(h -> {
            store.delete(h, "ip_blocks", id);
            log.record(h, actor, "destroy", "IpBlock", id, b.ip(), Map.of());
            return null;
        });
        return b;
    }

    /** {@code 192.0.2.7} → {@code 192.0.2.7/32}; a range keeps its prefix with the host bits cleared. */
    static String normalizeRange(String raw) {
        if (raw == null || raw.isBlank()) throw new ValidationException("Ip can't be blank");
        String s = raw.strip();
        int slash = s.indexOf('/');
        try {
            byte[] addr = literal(slash < 0 ? s : s.substring(0, slash));
            int max = addr.length * 8;
            int prefix = slash < 0 ? max : Integer.parseInt(s.substring(slash + 1));
            if (prefix < 0 || prefix > max) throw new ValidationException("Ip is invalid");
            for (int i = 0; i < addr.length; i++) {
                int keep = Math.max(0, Math.min(8, prefix - i * 8));
                addr[i] &= (byte) (0xff << (8 - keep));
            }
            return InetAddress.getByAddress(addr).getHostAddress() + "/" + prefix;
        } catch (NumberFormatException | UnknownHostException e) {
            throw new ValidationException("Ip is invalid");
        }
    }

    static boolean covers(String range, String ip) {
        try {
            int slash = range.indexOf('/');
            byte[] net = literal(range.substring(0, slash));
            int prefix = Integer.parseInt(range.substring(slash + 1));
            byte[] addr = literal(ip.strip());
            if (addr.length != net.length) return false;
            for (int i = 0; i < addr.length; i++) {
                int keep = Math.max(0, Math.min(8, prefix - i * 8));
                int mask = (0xff << (8 - keep)) & 0xff;
                if ((addr[i] & mask) != (net[i] & mask)) return false;
            }
            return true;
        } catch (RuntimeException | UnknownHostException e) {
            return false;
        }
    }

    /** Parses an IP literal only (never a host name, so no DNS lookup). */
    private static byte[] literal(String s) throws UnknownHostException {
        if (!s.matches("[0-9a-fA-F:.]+") || (!s.contains(":") && !s.matches("\\d{1,3}(\\.\\d{1,3}){3}"))) throw new UnknownHostException(s);
        return InetAddress.getByName(s).getAddress();
    }
}
