package social.atoll.api.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import social.atoll.testing.SmtpInbox;
import social.atoll.testing.TestInstance;

/**
 * The account-security rules of issue 13 not covered elsewhere, over HTTP as a browser without script drives the
 * pages, with GreenMail as the SMTP server: mail links that expire (address confirmation, address change), a reset
 * link void once the password is changed in settings, the same sign-in answer whether the account exists, and the
 * sign-up form's password meter.
 */
@org.junit.jupiter.api.TestInstance(Lifecycle.PER_CLASS)
class AccountSecurityIT {

    private SmtpInbox smtp;
    private TestInstance atoll;
    private OAuthSteps steps;

    @BeforeAll
    void start() throws Exception {
        smtp = SmtpInbox.start();
        Map<String, String> env = new HashMap<>(smtp.settings());
        env.put("ATOLL_REGISTRATIONS", "open");
        atoll = TestInstance.start(env);
        steps = new OAuthSteps(atoll);
    }

    @AfterAll
    void stop() throws Exception {
        if (atoll != null) atoll.close();
        if (smtp != null) smtp.close();
    }

    @Test
    void aConfirmationLinkExpiresAndTheResentOneConfirmsOnce() throws Exception {
        Browser b = new Browser(atoll.baseUrl());
        HttpResponse<String> form = b.get("/auth/sign_up");
        HttpResponse<String> sent = b.submit(Browser.form(form.body(), "/auth/sign_up"), Map.of("username", "late", "email", "late@people.test",
                "password", "a quiet reef at dawn", "agreement", "1"));
        assertThat(sent.statusCode()).as(sent.body()).isIn(200, 303);
        String prefix = atoll.baseUrl() + "/auth/confirmation?token=";
        String first = SmtpInbox.link(smtp.await("late@people.test", 1), prefix);
        expireAll("confirm_email");
        assertThat(b.get(first).statusCode()).as("an expired confirmation link").isEqualTo(404);

        // the app asks for the mail again (POST /api/v1/emails/confirmations): the new link confirms, once
        long accountId = atoll.app().core.accounts.byAcct("late", null).orElseThrow().id();
        String token = atoll.token(accountId, "read write");
        assertThat(atoll.http().postJson("/api/v1/emails/confirmations", token, Map.of()).status()).isEqualTo(200);
        MimeMessage again = smtp.await("late@people.test", 2);
        assertThat(again.getSubject()).isEqualTo("Confirm your e-mail address on " + atoll.domain());
        String second = SmtpInbox.link(again, prefix);
        assertThat(b.get(second).statusCode()).isEqualTo(200);
        assertThat(b.get(second).statusCode()).isEqualTo(404);
    }

    @Test
    void theWebSignUpAnswersATakenAddressLikeANewOneAndMailsItsOwnerAResetLink() throws Exception {
        atoll.createUser("holder");
        // a new address: an account, a confirmation mail, the "check your mail" page
        HttpResponse<String> fresh = webSignUp("firstcomer", "firstcomer@people.test", "a quiet reef at dawn");
        assertThat(smtp.await("firstcomer@people.test", 1).getSubject()).isEqualTo("Confirm your e-mail address on " + atoll.domain());
        // an address that has an account: the very same page, no account, and a mail to the address's owner
        HttpResponse<String> taken = webSignUp("secondcomer", "holder@example.test", "a quiet reef at dawn");
        assertThat(taken.statusCode()).isEqualTo(fresh.statusCode()).isEqualTo(200);
        assertThat(mainOf(taken.body()).replace("holder@example.test", "ADDRESS"))
                .isEqualTo(mainOf(fresh.body()).replace("firstcomer@people.test", "ADDRESS"))
                .contains("ADDRESS").doesNotContain("taken");
        assertThat(atoll.app().core.accounts.byAcct("secondcomer", null)).as("no account made").isEmpty();

        MimeMessage told = smtp.await("holder@example.test", 1);
        assertThat(told.getSubject()).isEqualTo("Someone tried to sign up on " + atoll.domain() + " with your e-mail address");
        assertThat(SmtpInbox.text(told)).contains("No new account was made").contains(atoll.domain());
        String link = SmtpInbox.link(told, atoll.baseUrl() + "/auth/password/edit?token=");
        Browser owner = new Browser(atoll.baseUrl());
        HttpResponse<String> edit = owner.get(link);
        assertThat(edit.statusCode()).isEqualTo(200);
        HttpResponse<String> reset = owner.submit(Browser.form(edit.body(), "/auth/password/edit"), Map.of("password", "found my way back 7"));
        assertThat(reset.statusCode()).as(reset.body()).isIn(200, 303);
        assertThat(signIn("holder@example.test", "found my way back 7").statusCode()).isEqualTo(303);
        assertThat(owner.get(link).body()).as("the link works once").contains("Link not valid");

        // the name typed with the taken address stays free; another error is shown without a word about the address
        HttpResponse<String> weak = webSignUp("thirdcomer", "holder@example.test", "iloveyou");
        assertThat(weak.statusCode()).isEqualTo(422);
        assertThat(weak.body()).contains("too common").doesNotContain("already been taken");
        HttpResponse<String> later = webSignUp("secondcomer", "secondcomer@people.test", "a quiet reef at dawn");
        assertThat(later.statusCode()).isEqualTo(200);
        assertThat(atoll.app().core.accounts.byAcct("secondcomer", null)).isPresent();
        // (POST /api/v1/accounts still answers 422 ERR_TAKEN for the address, as Mastodon apps expect: SignUpIT)
    }

    private HttpResponse<String> webSignUp(String username, String email, String password) {
        Browser b = new Browser(atoll.baseUrl());
        HttpResponse<String> form = b.get("/auth/sign_up");
        return b.submit(Browser.form(form.body(), "/auth/sign_up"), Map.of("username", username, "email", email,
                "password", password, "agreement", "1"));
    }

    /** The page's main content, without the per-browser CSRF tokens. */
    private static String mainOf(String html) {
        int start = html.indexOf("<main");
        int end = html.indexOf("</main>");
        String main = start >= 0 && end > start ? html.substring(start, end) : html;
        return main.replaceAll("name=\"csrf\" value=\"[^\"]*\"", "");
    }

    @Test
    void anAddressChangeLinkExpiresAndTheAddressStays() throws Exception {
        atoll.createUser("mover");
        Browser b = steps.signedInBrowser("mover");
        HttpResponse<String> page = b.get("/settings/email");
        HttpResponse<String> asked = b.submit(Browser.form(page.body(), "/settings/email"),
                Map.of("email", "mover@new.test", "current_password", "password-mover"));
        assertThat(asked.statusCode()).isIn(200, 303);
        assertThat(smtp.await("mover@example.test", 1).getSubject()).isEqualTo("Your e-mail address on " + atoll.domain() + " is being changed");
        String link = SmtpInbox.link(smtp.await("mover@new.test", 1), atoll.baseUrl() + "/auth/email/confirm?token=");
        expireAll("change_email");
        HttpResponse<String> late = b.get(link);
        assertThat(late.body()).contains("Link not valid");
        long accountId = atoll.app().core.accounts.byAcct("mover", null).orElseThrow().id();
        assertThat(atoll.app().core.accounts.userByAccountId(accountId).orElseThrow().email()).isEqualTo("mover@example.test");
    }

    @Test
    void aResetLinkStopsWorkingOnceThePasswordIsChangedInSettings() throws Exception {
        atoll.createUser("forgetful");
        Browser b = new Browser(atoll.baseUrl());
        HttpResponse<String> page = b.get("/auth/password/new");
        b.submit(Browser.form(page.body(), "/auth/password/new"), Map.of("email", "forgetful@example.test"));
        MimeMessage reset = smtp.await("forgetful@example.test", 1);
        assertThat(reset.getSubject()).isEqualTo("Reset your password on " + atoll.domain());
        String link = SmtpInbox.link(reset, atoll.baseUrl() + "/auth/password/edit?token=");
        // the password is then changed in settings (remembered after all): the link in the inbox is void
        long accountId = atoll.app().core.accounts.byAcct("forgetful", null).orElseThrow().id();
        atoll.app().core.credentials.changePassword(accountId, "password-forgetful", "remembered after all 42", -1);
        HttpResponse<String> late = b.get(link);
        assertThat(late.body()).contains("Link not valid").doesNotContain("name=\"password\"");
    }

    @Test
    void aWrongPasswordGetsTheSameAnswerWhetherOrNotTheAccountExists() throws Exception {
        atoll.createUser("existing");
        HttpResponse<String> known = signIn("existing@example.test", "not the password");
        HttpResponse<String> unknown = signIn("nobody@people.test", "not the password");
        assertThat(known.statusCode()).isEqualTo(422).isEqualTo(unknown.statusCode());
        assertThat(errorOf(known.body())).isEqualTo(errorOf(unknown.body())).isNotEmpty();
        HttpResponse<String> byName = signIn("existing", "not the password");
        HttpResponse<String> noName = signIn("nobody", "not the password");
        assertThat(errorOf(byName.body())).isEqualTo(errorOf(noName.body())).isEqualTo(errorOf(known.body()));
    }

    @Test
    void theSignUpFormsPasswordMeterScoresAsTypedAndSaysWhatWouldBeRefused() throws Exception {
        Browser b = new Browser(atoll.baseUrl());
        HttpResponse<String> form = b.get("/auth/sign_up");
        assertThat(form.body()).contains("hx-post=\"/auth/password/strength\"").contains("id=\"password_strength\"");
        String csrf = Browser.form(form.body(), "/auth/sign_up").inputs().get("csrf");
        HttpResponse<String> common = b.post("/auth/password/strength", Map.of("csrf", csrf, "username", "meter", "password", "iloveyou"));
        assertThat(common.statusCode()).isEqualTo(200);
        assertThat(common.body()).contains("<meter", "value=\"0\"", "very weak", "This password will be refused: it is too common");
        HttpResponse<String> own = b.post("/auth/password/strength", Map.of("csrf", csrf, "username", "meter", "password", "meter-and-more-words"));
        assertThat(own.body()).contains("must not contain the username");
        HttpResponse<String> strong = b.post("/auth/password/strength", Map.of("csrf", csrf, "username", "meter", "password", "a quiet reef at dawn"));
        assertThat(strong.body()).containsAnyOf("value=\"3\"", "value=\"4\"").doesNotContain("will be refused");
        assertThat(b.post("/auth/password/strength", Map.of("username", "meter", "password", "iloveyou")).statusCode()).isEqualTo(403);
    }

    @Test
    void theDataExportReadyMailArrivesOverSmtpWithTheLinkToTheDownloads() throws Exception {
        atoll.createUser("archivist");
        long accountId = atoll.app().core.accounts.byAcct("archivist", null).orElseThrow().id();
        atoll.app().core.archiveExport.request(accountId);
        MimeMessage mail = smtp.await("archivist@example.test", 1);
        assertThat(mail.getSubject()).isEqualTo("Your archive from " + atoll.domain() + " is ready");
        assertThat(SmtpInbox.link(mail, atoll.baseUrl() + "/settings/")).isEqualTo(atoll.baseUrl() + "/settings/export");
    }

    @Test
    void staffConfirmAnAddressFromTheDashboardOrTheCommandLine() throws Exception {
        var core = atoll.app().core;
        core.accountService.createLocal(new social.atoll.core.account.NewLocalAccount("boss", "boss@example.test", "password-boss",
                social.atoll.core.account.User.Role.ADMIN, true, true, "en", null, null), true);
        for (String name : new String[] {"nomail1", "nomail2"})
            core.accountService.createLocal(new social.atoll.core.account.NewLocalAccount(name, name + "@example.test", "password-" + name,
                    social.atoll.core.account.User.Role.USER, false, true, "en", null, null), true);
        // the confirmation mail never came: the password alone does not sign in
        assertThat(signIn("nomail1@example.test", "password-nomail1").body()).contains("not confirmed");

        // the dashboard: the account page says so and has the button
        long first = core.accounts.byAcct("nomail1", null).orElseThrow().id();
        Browser admin = steps.signedInBrowser("boss");
        HttpResponse<String> page = admin.get("/admin/accounts/" + first);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("E-mail not confirmed").contains("action=\"/admin/accounts/" + first + "/confirm\"");
        HttpResponse<String> done = admin.submit(Browser.form(page.body(), "/admin/accounts/" + first + "/confirm"), Map.of());
        assertThat(done.statusCode()).isEqualTo(303);
        assertThat(done.headers().firstValue("Location")).hasValue("/admin/accounts/" + first + "?notice=confirmed");
        assertThat(admin.get("/admin/accounts/" + first).body()).doesNotContain("/confirm\"").doesNotContain("E-mail not confirmed");
        assertThat(signIn("nomail1@example.test", "password-nomail1").statusCode()).isEqualTo(303);
        // a second time is refused
        assertThat(admin.post("/admin/accounts/" + first + "/confirm", Map.of("csrf",
                Browser.form(page.body(), "/admin/accounts/" + first + "/confirm").inputs().get("csrf"))).statusCode()).isEqualTo(403);

        // the command line
        var settings = atoll.settings();
        social.atoll.testing.CliRun.Result r = social.atoll.testing.CliRun.run("admin", "accounts", "confirm", "nomail2",
                "--data-dir", settings.dataDir().toString(), "--db-url", settings.dbUrl(), "--domain", settings.domain());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out().strip()).isEqualTo("confirmed @nomail2");
        assertThat(signIn("nomail2@example.test", "password-nomail2").statusCode()).isEqualTo(303);
    }

    @Test
    void staffDeleteASuspendedAccountFromTheDashboardAndTheNameStaysTaken() throws Exception {
        var core = atoll.app().core;
        core.accountService.createLocal(new social.atoll.core.account.NewLocalAccount("chief", "chief@example.test", "password-chief",
                social.atoll.core.account.User.Role.ADMIN, true, true, "en", null, null), true);
        atoll.createUser("spammer");
        long id = core.accounts.byAcct("spammer", null).orElseThrow().id();
        Browser admin = steps.signedInBrowser("chief");
        HttpResponse<String> page = admin.get("/admin/accounts/" + id);
        HttpResponse<String> suspended = admin.submit(Browser.form(page.body(), "/admin/accounts/" + id + "/action"), Map.of("type", "suspend"));
        assertThat(suspended.statusCode()).isEqualTo(303);
        page = admin.get("/admin/accounts/" + id);
        HttpResponse<String> deleted = admin.submit(Browser.form(page.body(), "/admin/accounts/" + id + "/delete"), Map.of());
        assertThat(deleted.statusCode()).isEqualTo(303);
        social.atoll.testing.Await.until("the purge of the account", () -> core.accountDeletionStore.finished(id));
        int users = atoll.app().infra.db.read(h -> h.createQuery("SELECT COUNT(*) FROM users WHERE account_id = :a").bind("a", id)
                .mapTo(Integer.class).one());
        assertThat(users).isZero();
        int logged = atoll.app().infra.db.read(h -> h.createQuery("SELECT COUNT(*) FROM admin_action_logs WHERE action = 'destroy' AND target_id = :a")
                .bind("a", id).mapTo(Integer.class).one());
        assertThat(logged).isEqualTo(1);
        // the name is reserved: a sign-up cannot take it over
        Browser b = new Browser(atoll.baseUrl());
        HttpResponse<String> form = b.get("/auth/sign_up");
        HttpResponse<String> taken = b.submit(Browser.form(form.body(), "/auth/sign_up"), Map.of("username", "spammer",
                "email", "new-spammer@people.test", "password", "a quiet reef at dawn", "agreement", "1"));
        assertThat(taken.statusCode()).isEqualTo(422);
        assertThat(taken.body()).contains("taken");
    }

    @Test
    void inApprovalModeTheWebSignUpAsksForAReasonThatStaffSee() throws Exception {
        Map<String, String> env = new HashMap<>(smtp.settings());
        env.put("ATOLL_REGISTRATIONS", "approval");
        try (TestInstance approval = TestInstance.start(env)) {
            Browser b = new Browser(approval.baseUrl());
            HttpResponse<String> form = b.get("/auth/sign_up");
            assertThat(form.body()).contains("name=\"reason\"");
            HttpResponse<String> sent = b.submit(Browser.form(form.body(), "/auth/sign_up"), Map.of("username", "hopeful",
                    "email", "hopeful@people.test", "password", "a quiet reef at dawn", "agreement", "1", "reason", "I run the reef club."));
            assertThat(sent.statusCode()).as(sent.body()).isIn(200, 303);
            String reason = approval.app().infra.db.read(h -> h.createQuery(
                    "SELECT u.sign_up_reason FROM users u JOIN accounts a ON a.id = u.account_id WHERE a.username = 'hopeful'").mapTo(String.class).one());
            assertThat(reason).isEqualTo("I run the reef club.");
        }
    }

    private void expireAll(String purpose) {
        atoll.app().infra.db.write(h -> h.createUpdate("UPDATE user_tokens SET expires_at = :past WHERE purpose = :p AND used_at IS NULL")
                .bind("past", Instant.now().minusSeconds(1)).bind("p", purpose).execute());
    }

    private HttpResponse<String> signIn(String login, String password) {
        Browser b = new Browser(atoll.baseUrl());
        HttpResponse<String> page = b.get("/auth/sign_in");
        return b.submit(Browser.form(page.body(), "/auth/sign_in"), Map.of("email", login, "password", password));
    }

    /** The error paragraph of a page. */
    private static String errorOf(String html) {
        var m = java.util.regex.Pattern.compile("class=\"error\"[^>]*>([^<]*)<").matcher(html);
        return m.find() ? m.group(1).strip() : "";
    }
}
