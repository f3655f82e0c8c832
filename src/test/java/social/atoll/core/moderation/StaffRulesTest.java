package social.atoll.core.moderation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;
import social.atoll.core.account.User;
import social.atoll.core.auth.Scopes;
import social.atoll.core.common.ForbiddenException;
import social.atoll.core.common.ValidationException;

/** The pure rules of moderation: roles and bits, admin scopes, domain and address matching. */
class StaffRulesTest {

    private static final long EVERYONE_BITS = Permission.INVITE_USERS.bit;
    private static final StaffRole EVERYONE = new StaffRole(-99, "", "", -1, EVERYONE_BITS, false, 0).withEveryone(EVERYONE_BITS);
    // the seeded rows of V200 (Mastodon's config/roles.yml)
    private static final StaffRole MODERATOR = new StaffRole(1, "Moderator", "", 10, 1115420, true, 0).withEveryone(EVERYONE_BITS);
    private static final StaffRole ADMIN = new StaffRole(2, "Admin", "", 100, 2097148, true, 0).withEveryone(EVERYONE_BITS);
    private static final StaffRole OWNER = new StaffRole(3, "Owner", "", 1000, 1, true, 0).withEveryone(EVERYONE_BITS);

    private static StaffAccess.Actor actor(StaffRole role) {
        User u = new User(1, 1, "x@example.test", "", role.everyone() ? null : role.id(), null, true, false, "en", "public", false,
                null, null, null, null);
        return new StaffAccess.Actor(1L, u, role);
    }

    @Test
    void rolesHoldMastodonsBits() {
        assertThat(Permission.MANAGE_USERS.bit).isEqualTo(1024);
        assertThat(Permission.DELETE_USER_DATA.bit).isEqualTo(1 << 19);
        assertThat(Permission.MANAGE_ROLES.bit).isEqualTo(131072);
        assertThat(Permission.INVITE_USERS.bit).isEqualTo(65536);
        assertThat(MODERATOR.can(Permission.MANAGE_REPORTS)).isTrue();
        assertThat(MODERATOR.can(Permission.MANAGE_FEDERATION)).isFalse();
        assertThat(MODERATOR.can(Permission.DELETE_USER_DATA)).isFalse();
        assertThat(ADMIN.can(Permission.MANAGE_BLOCKS)).isTrue();
        assertThat(ADMIN.can(Permission.ADMINISTRATOR)).isFalse();
        assertThat(OWNER.computed()).as("administrator expands to every bit").isEqualTo(Permission.ALL);
        assertThat(EVERYONE.staff()).isFalse();
        assertThat(MODERATOR.staff()).isTrue();
        assertThat(ADMIN.outranks(MODERATOR)).isTrue();
        assertThat(MODERATOR.outranks(MODERATOR)).isFalse();
    }

    @Test
    void oneCheckDecidesWhatStaffMayDo() {
        var moderator = actor(MODERATOR);
        StaffAccess.require(moderator, Permission.MANAGE_USERS);
        assertThatThrownBy(() -> StaffAccess.require(moderator, Permission.MANAGE_FEDERATION)).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> StaffAccess.require(actor(EVERYONE), Permission.MANAGE_REPORTS)).isInstanceOf(ForbiddenException.class);
        assertThat(StaffAccess.can(StaffAccess.Actor.SYSTEM, Permission.ADMINISTRATOR)).isTrue();
        assertThatThrownBy(() -> StaffAccess.requireOutranks(moderator, ADMIN)).isInstanceOf(ForbiddenException.class);
        StaffAccess.requireOutranks(moderator, EVERYONE);
    }

    @Test
    void adminScopesAndTheirParents() {
        assertThat(Scopes.satisfies(Set.of("admin:read"), "admin:read:accounts")).isTrue();
        assertThat(Scopes.satisfies(Set.of("admin:write"), "admin:read:accounts")).isFalse();
        assertThat(Scopes.satisfies(Set.of("read"), "admin:read:accounts")).isFalse();
        assertThat(Scopes.satisfies(Set.of("admin:write:reports"), "admin:write:reports")).isTrue();
        assertThat(Scopes.isKnown("admin:write:email_domain_blocks")).isTrue();
        assertThat(Scopes.isKnown("admin:read:canonical_email_blocks")).isTrue();
    }

    @Test
    void domainsNormalizeMatchAndObfuscate() {
        assertThat(DomainModeration.normalize(" https://Spam.Example/path ")).isEqualTo("spam.example");
        assertThat(DomainModeration.normalize("bücher.example")).isEqualTo("xn--bcher-kva.example");
        assertThat(DomainModeration.normalize("localhost:8080")).isEqualTo("localhost:8080");
        assertThatThrownBy(() -> DomainModeration.normalize("not a domain")).isInstanceOf(ValidationException.class);
        assertThat(FederationPolicy.candidates("a.b.example:443")).containsExactly("a.b.example:443", "a.b.example", "b.example", "example");
        assertThat(DomainModeration.obfuscated("spam.example")).isEqualTo("spam.****ple");
    }

    @Test
    void addressesAndRanges() {
        assertThat(SignUpBlocks.normalizeRange("192.0.2.77/24")).isEqualTo("192.0.2.0/24");
        assertThat(SignUpBlocks.normalizeRange("192.0.2.7")).isEqualTo("192.0.2.7/32");
        assertThat(SignUpBlocks.covers("192.0.2.0/24", "192.0.2.200")).isTrue();
        assertThat(SignUpBlocks.covers("192.0.2.0/24", "192.0.3.1")).isFalse();
        assertThat(SignUpBlocks.covers(SignUpBlocks.normalizeRange("2001:db8::/32"), "2001:db8:1::5")).isTrue();
        assertThat(SignUpBlocks.covers("192.0.2.0/24", "2001:db8::1")).isFalse();
        assertThatThrownBy(() -> SignUpBlocks.normalizeRange("example.com")).isInstanceOf(ValidationException.class);
        assertThat(SignUpBlocks.canonicalHash("Spam.Mer+x@People.Example")).isEqualTo(SignUpBlocks.canonicalHash("spammer@people.example"));
    }
}
