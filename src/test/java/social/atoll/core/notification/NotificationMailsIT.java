package social.atoll.core.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.atoll.api.statuses.Fixtures;
import social.atoll.api.statuses.Fixtures.User;
import social.atoll.testing.Await;
import social.atoll.testing.FreePort;
import social.atoll.testing.TestInstance;

/**
 * The optional notification mails over SMTP (GreenMail): a mention, a private message, a follow and a follow request
 * are mailed by default, each can be turned off, and a filtered notification is never mailed.
 */
class NotificationMailsIT {

    private static GreenMail smtp;
    private static TestInstance atoll;
    private static Fixtures f;

    @BeforeAll
    static void start() {
        int port = FreePort.find();
        smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        atoll = TestInstance.start(Map.of("ATOLL_SMTP_HOST", "127.0.0.1", "ATOLL_SMTP_PORT", Integer.toString(port), "ATOLL_SMTP_TLS", "none"));
        f = new Fixtures(atoll);
    }

    @AfterAll
    static void stop() {
        atoll.close();
        smtp.stop();
    }

    /** Every queued mail has gone out; the subjects received by {@code to}, in any order. */
    private static List<String> subjectsTo(String to) throws Exception {
        Await.until("mails are sent", () -> atoll.app().infra.jobs.pendingCounts().getOrDefault("mail.send", 0) == 0);
        List<String> out = new ArrayList<>();
        for (MimeMessage m : smtp.getReceivedMessages()) if (m.getAllRecipients()[0].toString().equals(to)) out.add(m.getSubject());
        return out;
    }

    private static MimeMessage mailTo(String to, String subject) throws Exception {
        for (MimeMessage m : smtp.getReceivedMessages())
            if (m.getAllRecipients()[0].toString().equals(to) && m.getSubject().equals(subject)) return m;
        throw new AssertionError("no mail to " + to + " about " + subject);
    }

    @Test
    void mentionsMessagesFollowsAndRequestsAreMailedByDefault() throws Exception {
        User alice = f.user("ml_alice");
        User bob = f.user("ml_bob");
        User carol = f.user("ml_carol");
        atoll.app().infra.db.write(h -> h.createUpdate("UPDATE accounts SET locked = TRUE WHERE id = " + carol.id()).execute());
        f.follow(alice, bob); // alice follows bob: his private messages are not filtered
        f.follow(bob, alice);
        String mention = f.post(bob, "@ml_alice look at this", "public").get("id").asText();
        f.post(bob, "@ml_alice just for you", "direct");
        atoll.app().core.follows.follow(bob.id(), carol.id(), social.atoll.core.follow.FollowOptions.DEFAULTS);

        String d = atoll.domain();
        Await.until("five mails", () -> smtp.getReceivedMessages().length >= 5);
        assertThat(subjectsTo("ml_alice@example.test")).containsExactlyInAnyOrder("ml_bob followed you on " + d,
                "ml_bob mentioned you on " + d, "ml_bob sent you a private message on " + d);
        assertThat(subjectsTo("ml_carol@example.test")).containsExactly("ml_bob asked to follow you on " + d);
        String text = GreenMailUtil.getBody(mailTo("ml_alice@example.test", "ml_bob mentioned you on " + d));
        assertThat(text).contains("@ml_bob").contains(atoll.baseUrl() + "/@ml_bob/" + mention).contains("/settings/notifications");
        assertThat(subjectsTo("ml_bob@example.test")).containsExactly("ml_alice followed you on " + d);
    }

    @Test
    void eachMailCanBeTurnedOffAndFilteredNotificationsAreNeverMailed() throws Exception {
        User dana = f.user("mo_dana");
        User eve = f.user("mo_eve");
        User stranger = f.user("mo_stranger");
        atoll.app().core.notificationRequests.saveMailChoices(dana.id(), new NotificationMailChoices(false, true, false, true));
        f.follow(dana, eve);
        f.follow(eve, dana); // not mailed: follows off
        f.post(eve, "@mo_dana public hello", "public"); // not mailed: mentions off
        f.post(stranger, "@mo_dana psst", "direct"); // filtered (a private mention from a stranger): never mailed
        f.post(eve, "@mo_dana private hello", "direct"); // mailed: messages on

        assertThat(subjectsTo("mo_dana@example.test")).containsExactly("mo_eve sent you a private message on " + atoll.domain());
        assertThat(atoll.http().get("/api/v1/notifications/requests", dana.token()).json()).hasSize(1);
    }
}
