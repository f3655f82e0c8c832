package social.atoll.api.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import social.atoll.core.account.NewLocalAccount;
import social.atoll.core.account.User;
import social.atoll.testing.Await;
import social.atoll.testing.FreePort;
import social.atoll.testing.TestInstance;

/**
 * A person waiting on an approval-mode sign-up hears the answer by mail (issue 13's "sign-up approved/rejected"):
 * approved through Mastodon's admin API, with the way to sign in; rejected, at the address the sign-up gave, although
 * the account itself is deleted. Nothing is mailed to an account that was approved from the start.
 */
@org.junit.jupiter.api.TestInstance(Lifecycle.PER_CLASS)
class SignUpDecisionMailsIT {

    private GreenMail smtp;
    private TestInstance atoll;
    private String moderatorToken;

    @BeforeAll
    void start() {
        int port = FreePort.find();
        smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        atoll = TestInstance.start(Map.of("ATOLL_SMTP_HOST", "127.0.0.1", "ATOLL_SMTP_PORT", Integer.toString(port), "ATOLL_SMTP_TLS", "none"));
        User mod = create("sd_mod", User.Role.MODERATOR, true);
        moderatorToken = atoll.token(mod.accountId(), "read write admin:read admin:write");
    }

    @AfterAll
    void stop() {
        if (atoll != null) atoll.close();
        if (smtp != null) smtp.stop();
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
        MimeMessage mail = awaitMail("sd_approved@example.test");
        assertThat(mail.getSubject()).contains("approved");
        assertThat(text(mail)).contains("You can sign in now").contains(atoll.baseUrl() + "/auth/sign_in");
    }

    @Test
    void aRejectedSignUpIsToldAtTheAddressItGaveAndTheAccountIsGone() throws Exception {
        User pending = create("sd_rejected", User.Role.USER, false);
        var r = atoll.http().postJson("/api/v1/admin/accounts/" + pending.accountId() + "/reject", moderatorToken, null);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        MimeMessage mail = awaitMail("sd_rejected@example.test");
        assertThat(text(mail)).contains("did not approve");
        assertThat(atoll.app().core.accounts.userByAccountId(pending.accountId())).isEmpty();
    }

    @Test
    void anAccountApprovedFromTheStartGetsNoDecisionMail() throws Exception {
        create("sd_open", User.Role.USER, true);
        // the decision mails of the other tests arrive; this address never gets one
        User marker = create("sd_marker", User.Role.USER, false);
        var r = atoll.http().postJson("/api/v1/admin/accounts/" + marker.accountId() + "/approve", moderatorToken, null);
        assertThat(r.status()).isEqualTo(200);
        awaitMail("sd_marker@example.test");
        assertThat(mailsTo("sd_open@example.test")).isEmpty();
    }

    private MimeMessage awaitMail(String to) {
        Await.until("a mail to " + to, () -> !mailsTo(to).isEmpty());
        return mailsTo(to).get(0);
    }

    private List<MimeMessage> mailsTo(String to) {
        return Arrays.stream(smtp.getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getRecipients(Message.RecipientType.TO)).anyMatch(a -> a.toString().equals(to));
            } catch (jakarta.mail.MessagingException e) {
                return false;
            }
        }).toList();
    }

    private static String text(MimeMessage mail) throws Exception {
        return (String) ((Multipart) mail.getContent()).getBodyPart(0).getContent();
    }
}
