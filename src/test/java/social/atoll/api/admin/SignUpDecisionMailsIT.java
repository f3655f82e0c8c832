package social.atoll.api.admin;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeMessage;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import social.atoll.core.account.NewLocalAccount;
import social.atoll.core.account.User;
import social.atoll.testing.SmtpInbox;
import social.atoll.testing.TestInstance;

/**
 * A person waiting on an approval-mode sign-up hears the answer by mail (issue 13's "sign-up approved/rejected"):
 * approved through Mastodon's admin API, with the way to sign in; rejected, at the address the sign-up gave, although
 * the account itself is deleted. Nothing is mailed to an account that was approved from the start.
 */
@org.junit.jupiter.api.TestInstance(Lifecycle.PER_CLASS)
class SignUpDecisionMailsIT {

    private SmtpInbox smtp;
    private TestInstance atoll;
    private String moderatorToken;

    @BeforeAll
    void start() {
        smtp = SmtpInbox.start();
        atoll = TestInstance.start(Map.of("ATOLL_SMTP_HOST", "127.0.0.1", "ATOLL_SMTP_PORT", Integer.toString(smtp.port()), "ATOLL_SMTP_TLS", "none"));
        User mod = create("sd_mod", User.Role.MODERATOR, true);
        moderatorToken = atoll.token(mod.accountId(), "read write admin:read admin:write");
    }

    @AfterAll
    void stop() {
        if (atoll != null) atoll.close();
        if (smtp != null) smtp.close();
    }

    private User create(String name, User.Role role, boolean approved) {
        return atoll.app().core.accountService.createLocal(new NewLocalAccount(name, name + "@example.test", "password-" + name,
                role, true, approved, "en", approved ? null : "I would like to join", null), true);
    }

    @Test
    void anApprovedSignUpIsToldItMaySignIn() throws Exception {
        User pending = create("sd_approved", User.Role.USER, false);
        var r = atoll.http().postJson("/api/v1/admin/accounts/" + pending.accountId() + "/approve", moderatorToken, null);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        MimeMessage mail = smtp.await("sd_approved@example.test", 1);
        assertThat(mail.getSubject()).contains("approved");
        assertThat(SmtpInbox.text(mail)).contains("You can sign in now").contains(atoll.baseUrl() + "/auth/sign_in");
    }

    @Test
    void aRejectedSignUpIsToldAtTheAddressItGaveAndTheAccountIsGone() throws Exception {
        User pending = create("sd_rejected", User.Role.USER, false);
        var r = atoll.http().postJson("/api/v1/admin/accounts/" + pending.accountId() + "/reject", moderatorToken, null);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        MimeMessage mail = smtp.await("sd_rejected@example.test", 1);
        assertThat(SmtpInbox.text(mail)).contains("did not approve");
        assertThat(atoll.app().core.accounts.userByAccountId(pending.accountId())).isEmpty();
    }

    @Test
    void anAccountApprovedFromTheStartGetsNoDecisionMail() throws Exception {
        create("sd_open", User.Role.USER, true);
        // the decision mails of the other tests arrive; this address never gets one
        User marker = create("sd_marker", User.Role.USER, false);
        var r = atoll.http().postJson("/api/v1/admin/accounts/" + marker.accountId() + "/approve", moderatorToken, null);
        assertThat(r.status()).isEqualTo(200);
        smtp.await("sd_marker@example.test", 1);
        assertThat(smtp.mailsTo("sd_open@example.test")).isEmpty();
    }
}
