package social.atoll.api.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import social.atoll.api.statuses.Fixtures;
import social.atoll.core.account.NewLocalAccount;
import social.atoll.core.account.User;
import social.atoll.core.common.ForbiddenException;
import social.atoll.core.common.ValidationException;
import social.atoll.core.moderation.Permission;
import social.atoll.core.moderation.Roles;
import social.atoll.core.moderation.StaffAccess;
import social.atoll.core.moderation.StaffRole;
import social.atoll.testing.TestInstance;

/**
 * Roles and permission bits as Mastodon's: a custom role opens exactly the doors its bits name (per permission
 * family, refused without the bit and allowed with it, through the API or the core services the web and CLI call),
 * roles are given and edited only from above (position) with {@code manage_roles}, every change is audited, and the
 * Role entities have Mastodon's shapes.
 */
@org.junit.jupiter.api.TestInstance(Lifecycle.PER_CLASS)
class RolesIT {

    private static final String ADMIN_SCOPES = "read write admin:read admin:write";
    private static final String REFUSED = "This action is not allowed";

    private TestInstance atoll;
    private Fixtures f;
    private Roles roles;
    private long adminId;
    private StaffAccess.Actor admin;

    @BeforeAll
    void start() {
        atoll = TestInstance.start();
        f = new Fixtures(atoll);
        roles = atoll.app().core.roles;
        adminId = create("rl_admin", User.Role.ADMIN).accountId();
        admin = actor(adminId);
    }

    @AfterAll
    void stop() { atoll.close(); }

    private User create(String name, User.Role role) {
        return atoll.app().core.accountService.createLocal(new NewLocalAccount(name, name + "@example.test", "password-" + name,
                role, true, true, "en", null, null), true);
    }

    private StaffAccess.Actor actor(long accountId) {
        return roles.actor(accountId, atoll.app().core.accounts.userByAccountId(accountId).orElseThrow());
    }

    private StaffRole role(String name, int position, Permission... bits) {
        return roles.create(StaffAccess.Actor.SYSTEM, new Roles.RoleForm(name, "", position, Permission.of(bits), false));
    }

    private long audit(String action, String type, long target) {
        return f.count("SELECT COUNT(*) FROM admin_action_logs WHERE action = '" + action + "' AND target_type = '" + type
                + "' AND target_id = " + target);
    }

    /** One door of a permission family: the bit, and a call that succeeds (or throws) with a user's token and actor. */
    private record Door(Permission bit, String what, java.util.function.BiFunction<String, StaffAccess.Actor, Integer> call) {}

    private int api(String method, String path, String token, Object body) {
        var r = atoll.http().json(method, path, token, body);
        if (r.status() == 403) assertThat(r.json().get("error").asText()).as(method + " " + path).isEqualTo(REFUSED);
        return r.status();
    }

    private static int core(Runnable r) {
        try {
            r.run();
            return 200;
        } catch (ForbiddenException e) {
            assertThat(e.getMessage()).isEqualTo(REFUSED);
            return 403;
        }
    }

    @Test
    void eachPermissionFamilyIsRefusedWithoutItsBitAndAllowedWithIt() {
        String today = LocalDate.now().toString();
        long target = create("rl_target", User.Role.USER).accountId();
        List<Door> doors = List.of(
                new Door(Permission.MANAGE_USERS, "GET /api/v1/admin/accounts", (t, a) -> api("GET", "/api/v1/admin/accounts", t, null)),
                new Door(Permission.MANAGE_REPORTS, "GET /api/v1/admin/reports", (t, a) -> api("GET", "/api/v1/admin/reports", t, null)),
                new Door(Permission.MANAGE_FEDERATION, "GET /api/v1/admin/domain_blocks", (t, a) -> api("GET", "/api/v1/admin/domain_blocks", t, null)),
                new Door(Permission.MANAGE_BLOCKS, "GET /api/v1/admin/ip_blocks", (t, a) -> api("GET", "/api/v1/admin/ip_blocks", t, null)),
                new Door(Permission.VIEW_DASHBOARD, "POST /api/v1/admin/measures", (t, a) -> api("POST", "/api/v1/admin/measures", t,
                        Map.of("keys", List.of("new_users"), "start_at", today, "end_at", today))),
                new Door(Permission.VIEW_AUDIT_LOG, "audit log", (t, a) -> core(() -> atoll.app().core.auditLog.page(a, null, 5))),
                new Door(Permission.MANAGE_SETTINGS, "server texts", (t, a) -> core(() -> atoll.app().core.serverSettings.texts(a))),
                new Door(Permission.MANAGE_RULES, "add a rule", (t, a) -> core(() -> atoll.app().core.serverSettings.addRule(a, "Be kind " + a.accountId(), ""))),
                new Door(Permission.MANAGE_APPEALS, "pending appeals", (t, a) -> core(() -> atoll.app().core.appeals.pending(a, null, 5))),
                new Door(Permission.MANAGE_INVITES, "everyone's invites", (t, a) -> core(() -> atoll.app().core.invites.all(a))),
                new Door(Permission.MANAGE_ROLES, "list roles", (t, a) -> core(() -> roles.list(a))),
                new Door(Permission.DELETE_USER_DATA, "delete a suspended account's data",
                        (t, a) -> api("DELETE", "/api/v1/admin/accounts/" + target, t, null)));
        atoll.app().core.accountModeration.act(admin, target, new social.atoll.core.moderation.AccountModeration.ActionRequest(
                "suspend", null, null, null, false));
        int n = 0;
        for (Door d : doors) {
            n++;
            // a custom role below Moderator holding every staff bit of its family but this one
            StaffRole r = role("Without " + d.bit().key(), 5, Permission.MANAGE_USERS, Permission.MANAGE_REPORTS,
                    Permission.MANAGE_FEDERATION, Permission.MANAGE_BLOCKS, Permission.VIEW_DASHBOARD, Permission.VIEW_AUDIT_LOG,
                    Permission.MANAGE_SETTINGS, Permission.MANAGE_RULES, Permission.MANAGE_APPEALS, Permission.MANAGE_INVITES,
                    Permission.MANAGE_ROLES, Permission.DELETE_USER_DATA);
            roles.update(StaffAccess.Actor.SYSTEM, r.id(), new Roles.RoleForm(r.name(), "", 5, r.permissions() & ~d.bit().bit, false));
            long who = create("rl_door" + n, User.Role.USER).accountId();
            roles.assign(admin, who, r.id());
            String token = atoll.token(who, ADMIN_SCOPES);
            assertThat(d.call().apply(token, actor(who))).as(d.what() + " without " + d.bit().key()).isEqualTo(403);

            roles.update(StaffAccess.Actor.SYSTEM, r.id(), new Roles.RoleForm(r.name(), "", 5, Permission.of(d.bit()), false));
            assertThat(d.call().apply(token, actor(who))).as(d.what() + " with only " + d.bit().key()).isEqualTo(200);
        }
    }

    @Test
    void administratorExpandsToEveryBitAndTheEveryoneRoleGivesItsBitsToAll() {
        StaffRole boss = role("Boss", 50, Permission.ADMINISTRATOR);
        assertThat(boss.computed()).isEqualTo(Permission.ALL);
        long who = create("rl_boss", User.Role.USER).accountId();
        roles.assign(admin, who, boss.id());
        assertThat(atoll.http().get("/api/v1/admin/accounts", atoll.token(who, ADMIN_SCOPES)).status()).isEqualTo(200);

        // invite_users comes from the everyone role: taking it away stops plain users inviting
        long plain = create("rl_plain", User.Role.USER).accountId();
        atoll.app().core.invites.create(actor(plain), null, null);
        StaffRole everyone = roles.byId(StaffRole.EVERYONE_ID).orElseThrow();
        roles.update(admin, everyone.id(), new Roles.RoleForm("", "", -1, 0, false));
        try {
            assertThatThrownBy(() -> atoll.app().core.invites.create(actor(plain), null, null)).isInstanceOf(ForbiddenException.class);
        } finally {
            roles.update(admin, everyone.id(), new Roles.RoleForm("", "", -1, Permission.INVITE_USERS.bit, false));
        }
        // the everyone role may hold only what is safe for every user
        assertThatThrownBy(() -> roles.update(admin, StaffRole.EVERYONE_ID, new Roles.RoleForm("", "", -1,
                Permission.of(Permission.INVITE_USERS, Permission.MANAGE_USERS), false))).isInstanceOf(ValidationException.class);
    }

    @Test
    void rolesAreGivenAndEditedOnlyFromAbove() {
        StaffRole helper = role("Helper", 20, Permission.MANAGE_REPORTS);
        StaffRole lead = role("Lead", 50, Permission.MANAGE_ROLES, Permission.MANAGE_REPORTS, Permission.MANAGE_USERS);
        long leadId = create("rl_lead", User.Role.USER).accountId();
        long person = create("rl_person", User.Role.USER).accountId();
        long moderatorId = create("rl_mod", User.Role.MODERATOR).accountId();

        // the admin (position 100) gives Lead (50); a role at or above its own (Admin 100, Owner 1000) it may not give
        roles.assign(admin, leadId, lead.id());
        assertThat(audit("change_role", "User", atoll.app().core.accounts.userByAccountId(leadId).orElseThrow().id())).isEqualTo(1);
        assertThatThrownBy(() -> roles.assign(admin, person, StaffRole.ADMIN_ID)).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> roles.assign(admin, person, StaffRole.OWNER_ID)).isInstanceOf(ForbiddenException.class);

        // Lead (50, manage_roles) gives Helper (20), never its own role or one above it
        var leadActor = actor(leadId);
        assertThat(roles.assign(leadActor, person, helper.id()).id()).isEqualTo(helper.id());
        assertThatThrownBy(() -> roles.assign(leadActor, person, lead.id())).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> roles.assign(leadActor, person, StaffRole.ADMIN_ID)).isInstanceOf(ForbiddenException.class);
        // nor touches someone placed at or above it, nor itself
        assertThatThrownBy(() -> roles.assign(leadActor, adminId, StaffRole.EVERYONE_ID)).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> roles.assign(leadActor, leadId, helper.id())).isInstanceOf(ForbiddenException.class);
        // removing a role: the everyone role
        assertThat(roles.assign(leadActor, person, StaffRole.EVERYONE_ID).everyone()).isTrue();
        assertThat(atoll.app().core.accounts.userByAccountId(person).orElseThrow().roleId()).isNull();

        // a Moderator has no manage_roles: refused, through the API's actor as anywhere
        assertThatThrownBy(() -> roles.assign(actor(moderatorId), person, helper.id())).isInstanceOf(ForbiddenException.class);

        // editing: below one's own position only, never granting a bit one lacks, positions kept below one's own
        assertThatThrownBy(() -> roles.update(leadActor, lead.id(), new Roles.RoleForm("Lead", "", 40, lead.permissions(), false)))
                .isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> roles.update(leadActor, StaffRole.ADMIN_ID, new Roles.RoleForm("Admin", "", 100, 0, true)))
                .isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> roles.update(leadActor, helper.id(), new Roles.RoleForm("Helper", "", 20,
                Permission.of(Permission.MANAGE_REPORTS, Permission.MANAGE_FEDERATION), false))).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> roles.update(leadActor, helper.id(), new Roles.RoleForm("Helper", "", 60,
                Permission.of(Permission.MANAGE_REPORTS), false))).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> roles.create(leadActor, new Roles.RoleForm("Peer", "", 50, 0, false))).isInstanceOf(ValidationException.class);
        StaffRole edited = roles.update(leadActor, helper.id(), new Roles.RoleForm("Helper", "#3a7", 20,
                Permission.of(Permission.MANAGE_REPORTS, Permission.MANAGE_USERS), true));
        assertThat(edited.color()).isEqualTo("#3a7");
        assertThat(audit("update", "UserRole", helper.id())).isGreaterThanOrEqualTo(1);
        assertThatThrownBy(() -> roles.create(admin, new Roles.RoleForm("helper", "", 5, 0, false)))
                .as("names are unique, whatever their case").isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> roles.create(admin, new Roles.RoleForm("Odd", "blue", 5, 0, false))).isInstanceOf(ValidationException.class);

        // deleting: not while held, never a built-in role, audited
        roles.assign(admin, person, helper.id());
        assertThatThrownBy(() -> roles.delete(admin, helper.id())).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> roles.delete(StaffAccess.Actor.SYSTEM, StaffRole.MODERATOR_ID)).isInstanceOf(ValidationException.class);
        roles.assign(admin, person, null);
        roles.delete(leadActor, helper.id());
        assertThat(roles.byId(helper.id())).isEmpty();
        assertThat(audit("destroy", "UserRole", helper.id())).isEqualTo(1);
        assertThat(audit("create", "UserRole", lead.id())).isEqualTo(1);
    }

    @Test
    void roleEntitiesHaveMastodonsShapes() {
        StaffRole shown = roles.create(admin, new Roles.RoleForm("Team", "#ff8800", 30, Permission.of(Permission.MANAGE_REPORTS), true));
        StaffRole quiet = role("Quiet", 8, Permission.MANAGE_REPORTS);
        long teamId = create("rl_team", User.Role.USER).accountId();
        long quietId = create("rl_quiet", User.Role.USER).accountId();
        long modId = create("rl_mod2", User.Role.MODERATOR).accountId();
        roles.assign(admin, teamId, shown.id());
        roles.assign(admin, quietId, quiet.id());
        String token = atoll.token(adminId, ADMIN_SCOPES);

        // the admin account entity: role with id, name, color, permissions (a string of the computed bits), highlighted
        JsonNode a = atoll.http().get("/api/v1/admin/accounts/" + teamId, token).json().get("role");
        assertThat(a.get("id").asText()).isEqualTo(Long.toString(shown.id()));
        assertThat(a.get("name").asText()).isEqualTo("Team");
        assertThat(a.get("color").asText()).isEqualTo("#ff8800");
        assertThat(a.get("permissions").isTextual()).isTrue();
        assertThat(a.get("permissions").asText()).isEqualTo(Long.toString(Permission.of(Permission.MANAGE_REPORTS, Permission.INVITE_USERS)));
        assertThat(a.get("highlighted").asBoolean()).isTrue();
        // built-in roles keep the values clients knew
        JsonNode m = atoll.http().get("/api/v1/admin/accounts/" + modId, token).json().get("role");
        assertThat(m.get("id").asText()).isEqualTo("1");
        assertThat(m.get("name").asText()).isEqualTo("Moderator");
        assertThat(m.get("permissions").asText()).isEqualTo("1115420");
        // v2 filters by role id
        JsonNode byRole = atoll.http().get("/api/v2/admin/accounts?role_ids[]=" + shown.id(), token).json();
        assertThat(byRole).hasSize(1);
        assertThat(byRole.get(0).get("id").asText()).isEqualTo(Long.toString(teamId));
        JsonNode staff = atoll.http().get("/api/v2/admin/accounts?permissions=staff", token).json();
        assertThat(Fixtures.ids(staff)).contains(Long.toString(teamId), Long.toString(modId), Long.toString(adminId));

        // the public account entity: roles lists only a highlighted role, with id, name and color
        JsonNode pub = atoll.http().get("/api/v1/accounts/" + teamId).json().get("roles");
        assertThat(pub).hasSize(1);
        assertThat(fields(pub.get(0))).containsExactlyInAnyOrder("id", "name", "color");
        assertThat(pub.get(0).get("name").asText()).isEqualTo("Team");
        assertThat(atoll.http().get("/api/v1/accounts/" + quietId).json().get("roles")).isEmpty();

        // the credential account: role with id, name, permissions, color, highlighted
        JsonNode me = atoll.http().get("/api/v1/accounts/verify_credentials", atoll.token(teamId, "read")).json().get("role");
        assertThat(fields(me)).containsExactlyInAnyOrder("id", "name", "permissions", "color", "highlighted");
        assertThat(me.get("name").asText()).isEqualTo("Team");
        JsonNode plainMe = atoll.http().get("/api/v1/accounts/verify_credentials", atoll.token(create("rl_nobody", User.Role.USER).accountId(), "read"))
                .json().get("role");
        assertThat(plainMe.get("id").asText()).isEqualTo("-99");
        assertThat(plainMe.get("permissions").asText()).isEqualTo("65536");
    }

    private static List<String> fields(JsonNode n) {
        List<String> out = new java.util.ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }

}
