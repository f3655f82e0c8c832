package social.atoll.api.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import social.atoll.testing.EmlMailbox;
import social.atoll.testing.TestInstance;

class SignUpIT {

    private static Map<String, Object> form(String username) {
        return Map.of("username", username, "email", username + "@people.test", "password", "correct horse battery",
                "agreement", true, "locale", "en");
    }

    @Test
    void openRegistrationsGiveATokenThatWorksOnceTheAddressIsConfirmed() {
        try (TestInstance atoll = TestInstance.start(Map.of("ATOLL_REGISTRATIONS", "open"))) {
            String app = AccountsTestSupport.appToken(atoll, "read write follow");
            var r = atoll.http().postJson("/api/v1/accounts", app, form("newbie"));
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.json().get("token_type").asText()).isEqualTo("Bearer");
            assertThat(r.json().get("scope").asText()).isEqualTo("read write follow");
            assertThat(r.json().get("created_at").isIntegralNumber()).isTrue();
            String token = r.json().get("access_token").asText();

            var unconfirmed = atoll.http().get("/api/v1/accounts/verify_credentials", token);
            assertThat(unconfirmed.status()).isEqualTo(403);
            assertThat(unconfirmed.json().get("error").asText()).isEqualTo("Your login is missing a confirmed e-mail address");

            // the app asks for the mail again: the first link stops working, the new one confirms, once
            var mailbox = new EmlMailbox(atoll);
            String first = mailbox.await("newbie@people.test", 1).link(atoll.baseUrl() + "/auth/confirmation?token=");
            var resend = atoll.http().postJson("/api/v1/emails/confirmations", token, Map.of());
            assertThat(resend.status()).isEqualTo(200);
            var second = mailbox.await("newbie@people.test", 2);
            assertThat(second.subject()).isEqualTo("Confirm your e-mail address on " + atoll.domain());
            String link = second.link(atoll.baseUrl() + "/auth/confirmation?token=");
            assertThat(atoll.http().get(first.substring(atoll.baseUrl().length()), null).status()).isEqualTo(404);
            assertThat(atoll.http().get(link.substring(atoll.baseUrl().length()), null).status()).isEqualTo(200);
            assertThat(atoll.http().get(link.substring(atoll.baseUrl().length()), null).status()).isEqualTo(404);

            var confirmedAgain = atoll.http().postJson("/api/v1/emails/confirmations", token, Map.of());
            assertThat(confirmedAgain.status()).isEqualTo(403);
            assertThat(confirmedAgain.json().get("error").asText()).isEqualTo("This action is not allowed");

            var me = atoll.http().get("/api/v1/accounts/verify_credentials", token);
            assertThat(me.status()).isEqualTo(200);
            assertThat(me.json().get("username").asText()).isEqualTo("newbie");
            assertThat(me.json().get("acct").asText()).isEqualTo("newbie");
        }
    }

    @Test
    void formEncodedSignUpWithMastodonPyBooleans() {
        try (TestInstance atoll = TestInstance.start(Map.of("ATOLL_REGISTRATIONS", "open"))) {
            String app = AccountsTestSupport.appToken(atoll, "read write");
            var r = atoll.http().postForm("/api/v1/accounts", app, Map.of("username", "formy", "email", "formy@people.test",
                    "password", "long enough password", "agreement", "1"));
            assertThat(r.status()).isEqualTo(200);
            // an unconfirmed account is hidden, as on Mastodon, until its link is followed
            assertThat(atoll.http().get("/api/v1/accounts/lookup?acct=formy").status()).isEqualTo(404);
            String link = new EmlMailbox(atoll).await("formy@people.test", 1).link(atoll.baseUrl() + "/auth/confirmation?token=");
            assertThat(atoll.http().get(link.substring(atoll.baseUrl().length())).status()).isEqualTo(200);
            assertThat(atoll.http().get("/api/v1/accounts/lookup?acct=formy").status()).isEqualTo(200);
        }
    }

    @Test
    void approvalModeIssuesATokenThatWaitsForApproval() {
        try (TestInstance atoll = TestInstance.start(Map.of("ATOLL_REGISTRATIONS", "approval"))) {
            String app = AccountsTestSupport.appToken(atoll, "read write");
            var r = atoll.http().postJson("/api/v1/accounts", app,
                    Map.of("username", "waiting", "email", "waiting@people.test", "password", "correct horse battery",
                            "agreement", "true", "reason", "I like atolls"));
            assertThat(r.status()).isEqualTo(200);
            String token = r.json().get("access_token").asText();
            String link = new EmlMailbox(atoll).await("waiting@people.test", 1).link(atoll.baseUrl() + "/auth/confirmation?token=");
            assertThat(atoll.http().get(link.substring(atoll.baseUrl().length()), null).status()).isEqualTo(200);
            var me = atoll.http().get("/api/v1/accounts/verify_credentials", token);
            assertThat(me.status()).isEqualTo(403);
            assertThat(me.json().get("error").asText()).isEqualTo("Your login is currently pending approval");
            // Nobody else can see an account that is still waiting.
            assertThat(atoll.http().get("/api/v1/accounts/lookup?acct=waiting").status()).isEqualTo(404);
        }
    }

    @Test
    void closedAndInviteOnlyServersRefuse() {
        for (String mode : new String[] {"closed", "invite"}) {
            try (TestInstance atoll = TestInstance.start(Map.of("ATOLL_REGISTRATIONS", mode))) {
                String app = AccountsTestSupport.appToken(atoll, "read write");
                var r = atoll.http().postJson("/api/v1/accounts", app, form("hopeful"));
                assertThat(r.status()).as(mode).isEqualTo(403);
                assertThat(r.json().get("error").asText()).as(mode).containsIgnoringCase("registrations");
                assertThat(atoll.http().get("/api/v1/accounts/lookup?acct=hopeful").status()).isEqualTo(404);
            }
        }
    }

    @Test
    void validationErrorsNameEveryFailingFieldInMastodonsShape() {
        try (TestInstance atoll = TestInstance.start(Map.of("ATOLL_REGISTRATIONS", "open"))) {
            atoll.createUser("taken");
            String app = AccountsTestSupport.appToken(atoll, "read write");

            var dup = atoll.http().postJson("/api/v1/accounts", app, form("Taken"));
            assertThat(dup.status()).isEqualTo(422);
            assertThat(dup.json().get("error").asText()).isEqualTo("Validation failed: Username has already been taken");
            var username = dup.json().get("details").get("username");
            assertThat(username.size()).isEqualTo(1);
            assertThat(username.get(0).get("error").asText()).isEqualTo("ERR_TAKEN");
            assertThat(username.get(0).get("description").asText()).isEqualTo("has already been taken");

            var many = atoll.http().postJson("/api/v1/accounts", app,
                    Map.of("username", "bad name!", "email", "taken@example.test", "password", "short"));
            assertThat(many.status()).isEqualTo(422);
            var details = many.json().get("details");
            assertThat(details.get("username").get(0).get("error").asText()).isEqualTo("ERR_INVALID");
            assertThat(details.get("email").get(0).get("error").asText()).isEqualTo("ERR_TAKEN");
            assertThat(details.get("password").get(0).get("error").asText()).isEqualTo("ERR_TOO_SHORT");
            assertThat(details.get("agreement").get(0).get("error").asText()).isEqualTo("ERR_ACCEPTED");
            assertThat(many.json().get("error").asText()).startsWith("Validation failed: ").contains("Agreement must be accepted");

            var weak = atoll.http().postJson("/api/v1/accounts", app, Map.of("username", "weakling", "email", "weak@people.test",
                    "password", "Password123", "agreement", true));
            assertThat(weak.json().get("details").get("password").get(0).get("error").asText()).isEqualTo("ERR_TOO_COMMON");
            var own = atoll.http().postJson("/api/v1/accounts", app, Map.of("username", "weakling", "email", "weak@people.test",
                    "password", "my-weakling-pass", "agreement", true));
            assertThat(own.json().get("details").get("password").get(0).get("error").asText()).isEqualTo("ERR_CONTAINS_USERNAME");

            var reserved = atoll.http().postJson("/api/v1/accounts", app, form("admin"));
            assertThat(reserved.json().get("details").get("username").get(0).get("error").asText()).isEqualTo("ERR_RESERVED");
        }
    }

    @Test
    void signUpNeedsAnAppTokenWithWriteAccounts() {
        try (TestInstance atoll = TestInstance.start(Map.of("ATOLL_REGISTRATIONS", "open"))) {
            assertThat(atoll.http().postJson("/api/v1/accounts", null, form("anon")).status()).isEqualTo(401);
            String readOnly = AccountsTestSupport.appToken(atoll, "read");
            var r = atoll.http().postJson("/api/v1/accounts", readOnly, form("reader"));
            assertThat(r.status()).isEqualTo(403);
            assertThat(r.json().get("error").asText()).isEqualTo("This action is outside the authorized scopes");
        }
    }
}
