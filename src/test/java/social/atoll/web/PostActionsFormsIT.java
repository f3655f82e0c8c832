package social.atoll.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import social.atoll.core.account.Account;
import social.atoll.core.status.Status;
import social.atoll.core.status.Visibility;
import social.atoll.testing.TestInstance;

/**
 * The composer and the post actions as a browser without JavaScript uses them (plain forms, 303 redirects), as htmx
 * uses them (fragments), and as a forged form meets them (403, nothing changed).
 */
@org.junit.jupiter.api.TestInstance(Lifecycle.PER_CLASS)
class PostActionsFormsIT {

    private TestInstance atoll;
    private WebSeed seed;
    private Account alice;
    private Account bob;
    private FormClient aliceWeb;
    private FormClient bobWeb;

    @BeforeAll
    void start() {
        atoll = TestInstance.start();
        seed = new WebSeed(atoll);
        alice = seed.user("alice");
        bob = seed.user("bob");
        seed.follow(bob, alice);
        aliceWeb = new FormClient(atoll.baseUrl()).signIn("alice");
        bobWeb = new FormClient(atoll.baseUrl()).signIn("bob");
    }

    @AfterAll
    void stop() {
        if (atoll != null) atoll.close();
    }

    @Test
    void aPostWithoutTheFormTokenIsRefusedAndChangesNothing() {
        Status post = seed.post(alice, "Guarded against forged forms");
        var noToken = bobWeb.post("/web/statuses/" + post.id() + "/favourite", Map.of());
        assertThat(noToken.statusCode()).isEqualTo(403);
        assertThat(noToken.body()).contains("Form expired");
        var wrongToken = bobWeb.post("/web/statuses/" + post.id() + "/reblog", Map.of("csrf", "made-up"));
        assertThat(wrongToken.statusCode()).isEqualTo(403);
        var wrongHeader = bobWeb.post("/web/statuses/" + post.id() + "/bookmark", Map.of(), Map.of("HX-Request", "true", "X-CSRF-Token", "nope"));
        assertThat(wrongHeader.statusCode()).isEqualTo(403);
        // a token of another person's session is no token for this one
        String aliceToken = aliceWeb.csrf("/compose");
        assertThat(bobWeb.post("/web/statuses/" + post.id() + "/favourite", Map.of("csrf", aliceToken)).statusCode()).isEqualTo(403);

        Status now = atoll.app().core.statusQueries.byId(post.id()).orElseThrow();
        assertThat(now.favouritesCount()).isZero();
        assertThat(now.reblogsCount()).isZero();
        assertThat(card(bobWeb, post.id())).contains("class=\"action bookmark\" aria-pressed=\"false\"");

        long before = countOf(alice);
        var compose = aliceWeb.post("/compose", Map.of("status", "Posted by a forged form"));
        assertThat(compose.statusCode()).isEqualTo(403);
        var delete = aliceWeb.post("/web/statuses/" + post.id() + "/delete", Map.of("confirm", "yes"));
        assertThat(delete.statusCode()).isEqualTo(403);
        assertThat(countOf(alice)).isEqualTo(before);
        assertThat(atoll.app().core.statusQueries.byId(post.id())).isPresent();
    }

    @Test
    void favouriteAndBoostWorkAsPlainFormsAndGoBack() {
        Status post = seed.post(alice, "Plain forms still work");
        String token = bobWeb.csrf("/home");
        var fav = bobWeb.post("/web/statuses/" + post.id() + "/favourite", Map.of("csrf", token));
        assertThat(fav.statusCode()).isEqualTo(303);
        assertThat(fav.headers().firstValue("Location")).hasValue("/@alice/" + post.id());
        var boost = bobWeb.post("/web/statuses/" + post.id() + "/reblog", Map.of("csrf", token, "return_to", "/home"));
        assertThat(boost.statusCode()).isEqualTo(303);
        assertThat(boost.headers().firstValue("Location")).hasValue("/home");
        String card = card(bobWeb, post.id());
        assertThat(card).contains("class=\"action favourite on\" aria-pressed=\"true\"").contains("class=\"action reblog on\" aria-pressed=\"true\"");
        assertThat(atoll.app().core.statusQueries.byId(post.id()).orElseThrow().favouritesCount()).isEqualTo(1);

        // a return_to elsewhere is not followed
        var unfav = bobWeb.post("/web/statuses/" + post.id() + "/unfavourite", Map.of("csrf", token, "return_to", "https://evil.example/"));
        assertThat(unfav.headers().firstValue("Location")).hasValue("/@alice/" + post.id());
        bobWeb.post("/web/statuses/" + post.id() + "/unreblog", Map.of("csrf", token));
        assertThat(card(bobWeb, post.id())).contains("class=\"action favourite\" aria-pressed=\"false\"")
                .contains("class=\"action reblog\" aria-pressed=\"false\"");
        assertThat(atoll.app().core.statusQueries.byId(post.id()).orElseThrow().favouritesCount()).isZero();
    }

    @Test
    void htmxGetsThePostBackAsAFragment() {
        Status post = seed.post(alice, "Swapped in place");
        String token = bobWeb.csrf("/home");
        var r = bobWeb.post("/web/statuses/" + post.id() + "/bookmark", Map.of(), Map.of("HX-Request", "true", "X-CSRF-Token", token));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).startsWith("<article").contains("Swapped in place").contains("class=\"action bookmark on\" aria-pressed=\"true\"")
                .doesNotContain("<html");
    }

    @Test
    void refusalsArePagesThatSayWhy() {
        String token = bobWeb.csrf("/home");
        Status secret = seed.post(alice, "Only for people I mention", null, Visibility.DIRECT);
        var hidden = bobWeb.post("/web/statuses/" + secret.id() + "/favourite", Map.of("csrf", token));
        assertThat(hidden.statusCode()).isEqualTo(404);
        assertThat(hidden.body()).contains("<html").contains("does not exist, or you may not see it");

        Status followersOnly = seed.post(alice, "Followers only", null, Visibility.PRIVATE);
        var boost = bobWeb.post("/web/statuses/" + followersOnly.id() + "/reblog", Map.of("csrf", token));
        assertThat(boost.statusCode()).isEqualTo(403);
        assertThat(boost.body()).contains("You may not do this with this post.");

        // htmx swaps nothing on an error status: the reason is added to the post instead
        var inPlace = bobWeb.post("/web/statuses/" + followersOnly.id() + "/reblog", Map.of(),
                Map.of("HX-Request", "true", "X-CSRF-Token", token));
        assertThat(inPlace.statusCode()).isEqualTo(200);
        assertThat(inPlace.headers().firstValue("HX-Reswap")).hasValue("beforeend");
        assertThat(inPlace.body()).contains("role=\"alert\"").contains("You may not do this with this post.");

        var more = bobWeb.get("/statuses/" + secret.id() + "/more");
        assertThat(more.statusCode()).isEqualTo(404);
    }

    @Test
    void theComposerWorksWithoutScriptFilesAltTextAndAll() {
        String token = aliceWeb.csrf("/compose");
        var attached = aliceWeb.postMultipart("/compose", List.of(Map.entry("csrf", token), Map.entry("status", "Low tide, no script"),
                        Map.entry("spoiler_text", "tide photo"), Map.entry("visibility", "public"), Map.entry("language", "en"),
                        Map.entry("attach", "1")),
                List.of(new FormClient.FilePart("files", "tide.png", "image/png", TestImages.png(120, 80))));
        assertThat(attached.statusCode()).isEqualTo(200);
        var m = Pattern.compile("name=\"media_ids\" value=\"(\\d+)\"").matcher(attached.body());
        assertThat(m.find()).isTrue();
        String mediaId = m.group(1);
        assertThat(attached.body()).contains("name=\"description_" + mediaId + "\"").contains("Low tide, no script").contains("tide photo");

        var posted = aliceWeb.postMultipart("/compose", List.of(Map.entry("csrf", token), Map.entry("status", "Low tide, no script"),
                Map.entry("spoiler_text", "tide photo"), Map.entry("visibility", "public"), Map.entry("language", "en"),
                Map.entry("media_ids", mediaId), Map.entry("description_" + mediaId, "Sand ripples at low tide"),
                Map.entry("focus_" + mediaId, "0.5,-0.25")), List.of());
        assertThat(posted.statusCode()).isEqualTo(303);
        String location = posted.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith("/@alice/");
        long id = Long.parseLong(location.substring("/@alice/".length()));
        Status s = atoll.app().core.statusQueries.byId(id).orElseThrow();
        assertThat(s.spoilerText()).isEqualTo("tide photo");
        assertThat(card(aliceWeb, id)).contains("alt=\"Sand ripples at low tide\"").contains("data-focus=\"75% 63%\"");

        // the edit form shows the post as it is, and a new alt text goes through the edit service
        var edit = aliceWeb.get("/statuses/" + id + "/edit");
        assertThat(edit.statusCode()).isEqualTo(200);
        assertThat(edit.body()).contains(">Sand ripples at low tide</textarea>").contains("value=\"tide photo\"")
                .contains(">Low tide, no script</textarea>");
        var saved = aliceWeb.post("/statuses/" + id + "/edit", Map.of("csrf", token, "status", "Low tide, edited", "spoiler_text", "tide photo",
                "media_ids", mediaId, "description_" + mediaId, "Ripples in the sand", "focus_" + mediaId, "0.5,-0.25"));
        assertThat(saved.statusCode()).isEqualTo(303);
        assertThat(saved.headers().firstValue("Location")).hasValue("/@alice/" + id);
        assertThat(card(aliceWeb, id)).contains("alt=\"Ripples in the sand\"").contains("Low tide, edited");
        // someone else's post cannot be edited or deleted
        assertThat(bobWeb.get("/statuses/" + id + "/edit").statusCode()).isEqualTo(404);
        String bobToken = bobWeb.csrf("/home");
        assertThat(bobWeb.post("/web/statuses/" + id + "/delete", Map.of("csrf", bobToken, "confirm", "yes")).statusCode()).isEqualTo(404);
        assertThat(atoll.app().core.statusQueries.byId(id)).isPresent();
    }

    @Test
    void aRefusedPostShowsTheFormAgainWithItsValues() {
        String token = aliceWeb.csrf("/compose");
        String tooLong = "x".repeat(atoll.settings().maxStatusChars() + 1);
        var r = aliceWeb.post("/compose", Map.of("csrf", token, "status", tooLong, "spoiler_text", "kept warning", "visibility", "unlisted"));
        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(r.body()).contains("role=\"alert\"").contains("character limit").contains(tooLong).contains("kept warning")
                .contains("<option value=\"unlisted\" selected>");
        var poll = aliceWeb.post("/compose", Map.of("csrf", token, "status", "A poll of one", "poll_options", "only", "poll_expires_in", "3600"));
        assertThat(poll.statusCode()).isEqualTo(422);
        assertThat(poll.body()).contains("value=\"only\"");
    }

    @Test
    void aReplyStartsWithTheMentionsAndShowsWhatItAnswers() {
        Status post = seed.post(alice, "Who is coming to the reef?");
        var page = bobWeb.get("/compose?in_reply_to=" + post.id());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Who is coming to the reef?").contains(">@alice </textarea>")
                .contains("name=\"in_reply_to_id\" value=\"" + post.id() + "\"");
        String token = bobWeb.csrf("/compose");
        var reply = bobWeb.post("/compose", Map.of("csrf", token, "status", "@alice me!", "in_reply_to_id", Long.toString(post.id()),
                "visibility", "public"));
        assertThat(reply.statusCode()).isEqualTo(303);
        long id = Long.parseLong(reply.headers().firstValue("Location").orElseThrow().substring("/@bob/".length()));
        assertThat(atoll.app().core.statusQueries.byId(id).orElseThrow().inReplyToId()).isEqualTo(post.id());
    }

    @Test
    void pollsAndScheduledPostsGoThroughTheSamePostingService() {
        String token = aliceWeb.csrf("/compose");
        var poll = aliceWeb.post("/compose", Map.of("csrf", token, "status", "Lagoon or ocean?", "visibility", "public",
                "poll_options", "Lagoon", "poll_expires_in", "3600"));
        assertThat(poll.statusCode()).isEqualTo(422); // one option is no poll
        var r = aliceWeb.postMultipart("/compose", List.of(Map.entry("csrf", token), Map.entry("status", "Lagoon or ocean?"),
                Map.entry("visibility", "public"), Map.entry("poll_options", "Lagoon"), Map.entry("poll_options", "Ocean"),
                Map.entry("poll_options", ""), Map.entry("poll_options", ""), Map.entry("poll_expires_in", "3600"),
                Map.entry("poll_multiple", "1")), List.of());
        assertThat(r.statusCode()).isEqualTo(303);
        long id = Long.parseLong(r.headers().firstValue("Location").orElseThrow().substring("/@alice/".length()));
        assertThat(card(aliceWeb, id)).contains("Lagoon").contains("Ocean");

        // a datetime-local value is read in the browser's time zone, which the page's script sends along
        var at = java.time.LocalDateTime.now(java.time.ZoneId.of("Pacific/Tahiti")).plusDays(1).withSecond(0).withNano(0);
        var later = aliceWeb.post("/compose", Map.of("csrf", token, "status", "Posted tomorrow", "visibility", "public",
                "scheduled_at", at.toString(), "timezone", "Pacific/Tahiti"));
        assertThat(later.statusCode()).isEqualTo(303);
        assertThat(later.headers().firstValue("Location")).hasValue("/home");
        var scheduled = atoll.app().core.scheduledStatuses.page(alice.id(), social.atoll.core.common.IdRange.newest(20));
        assertThat(scheduled).anySatisfy(s -> assertThat(s.scheduledAt()).isEqualTo(at.atZone(java.time.ZoneId.of("Pacific/Tahiti")).toInstant()));
    }

    @Test
    void aPostFetchedInTheBackgroundDoesNotVoidASignInFormOpenInTheSameBrowser() {
        Status post = seed.post(alice, "Arrives while someone signs in");
        FormClient visitor = new FormClient(atoll.baseUrl());
        // a live timeline left open fetches the new post while the sign-in page loads, both before the browser has a
        // cookie: the fetch must not set a pre-session cookie that replaces the one the sign-in form's token is for
        var card = visitor.get("/web/statuses/" + post.id() + "/card");
        assertThat(card.statusCode()).isEqualTo(200);
        assertThat(card.headers().allValues("Set-Cookie")).isEmpty();
        String token = visitor.csrf("/auth/sign_in");
        assertThat(visitor.get("/web/statuses/" + post.id() + "/card").headers().allValues("Set-Cookie")).isEmpty();
        var signIn = visitor.post("/auth/sign_in", Map.of("email", "bob", "password", "password-bob", "csrf", token, "return_to", "/home"));
        assertThat(signIn.statusCode()).isEqualTo(303);
    }

    @Test
    void theHomeTimelinesComposerPostsAndComesBackHome() {
        var inline = bobWeb.get("/compose/inline");
        assertThat(inline.statusCode()).isEqualTo(200);
        assertThat(inline.body()).contains("form class=\"composer compact\"").contains("name=\"return_to\" value=\"/home\"");
        assertThat(bobWeb.get("/home").body()).contains("hx-get=\"/compose/inline\"").contains("href=\"/compose\"");
        String token = bobWeb.csrf("/home");
        var r = bobWeb.post("/compose", Map.of("csrf", token, "status", "Posted from my home timeline", "return_to", "/home",
                "visibility", "public"));
        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(r.headers().firstValue("Location")).hasValue("/home");
        assertThat(bobWeb.get("/home").body()).contains("Posted from my home timeline");
    }

    @Test
    void uploadsAndSuggestionsAnswerOnlyTheSignedInPage() {
        String token = aliceWeb.csrf("/compose");
        var forged = aliceWeb.postMultipart("/web/media", List.of(),
                List.of(new FormClient.FilePart("file", "a.png", "image/png", TestImages.png(40, 30))));
        assertThat(forged.statusCode()).isEqualTo(403);
        var notAnImage = aliceWeb.postMultipart("/web/media", List.of(Map.entry("csrf", token)),
                List.of(new FormClient.FilePart("file", "a.png", "image/png", "not a picture".getBytes())));
        assertThat(notAnImage.statusCode()).isEqualTo(422);
        assertThat(notAnImage.body()).contains("File content type is invalid");
        var ok = aliceWeb.postMultipart("/web/media", List.of(Map.entry("csrf", token)),
                List.of(new FormClient.FilePart("file", "a.png", "image/png", TestImages.png(40, 30))));
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body().strip()).startsWith("<div class=\"attachment\"").contains("name=\"media_ids\"").contains("<label for=\"description-");

        seed.post(bob, "Watching the #sunrise");
        assertThat(aliceWeb.get("/web/compose/suggest?q=%40bo").body()).contains("\"value\":\"@bob\"");
        assertThat(aliceWeb.get("/web/compose/suggest?q=%23sun").body()).contains("\"value\":\"#sunrise\"");
        assertThat(new FormClient(atoll.baseUrl()).get("/web/compose/suggest?q=%40bo").statusCode()).isEqualTo(401);
    }

    private String card(FormClient client, long id) {
        var r = client.get("/web/statuses/" + id + "/card");
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body();
    }

    private long countOf(Account a) {
        return atoll.app().core.accountQueries.byId(a.id()).orElseThrow().statusesCount();
    }
}
