package social.atoll.bench;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.jdbi.v3.core.statement.PreparedBatch;
import social.atoll.App;
import social.atoll.core.account.Account;
import social.atoll.core.account.NewLocalAccount;
import social.atoll.core.account.User;
import social.atoll.core.auth.Scopes;
import social.atoll.infra.ids.IdGenerator;

/**
 * Fills a fresh database for the home-timeline benchmark: {@code authors} accounts (half local, half remote),
 * {@code statuses} statuses spread over 60 days, one reader following {@code following} of the authors, and the
 * reader's home feed as fan-out would have written it. Bulk SQL, so seeding takes seconds, not hours.
 */
final class TimelineSeeder {

    record Seeded(long readerId, String readerToken, List<Long> feedIds) {}

    private final App app;
    private final Random random = new Random(42);

    TimelineSeeder(App app) { this.app = app; }

    Seeded seed(int authors, int statuses, int following) {
        User reader = app.core.accountService.createLocal(new NewLocalAccount("reader", "reader@bench.test", "bench-password",
                User.Role.USER, true, true, "en", null, null), true);
        String token = app.core.tokens.issue(app.core.oauth.adminCliApp().id(), reader.accountId(), Scopes.parse("read write follow")).token();
        String base = app.settings.baseUrl();
        Instant now = Clock.systemUTC().instant();
        IdGenerator ids = app.infra.ids;

        List<Long> authorIds = new ArrayList<>();
        app.infra.db.write(h -> {
            PreparedBatch b = h.prepareBatch("""
                    INSERT INTO accounts (id, username, domain, acct_key, display_name, note, uri, url, statuses_count,
                      created_at, updated_at)
                    VALUES (:id, :u, :d, :k, :dn, :note, :uri, :url, :sc, :t, :t)""");
            for (int i = 0; i < authors; i++) {
                long id = ids.next();
                authorIds.add(id);
                String username = "author" + i;
                String domain = i % 2 == 0 ? null : "remote" + (i % 17) + ".example";
                String uri = domain == null ? base + "/users/" + username : "https://" + domain + "/users/" + username;
                b.bind("id", id).bind("u", username).bind("d", domain).bind("k", Account.key(username, domain))
                        .bind("dn", "Author " + i).bind("note", "<p>Bench author number " + i + "</p>")
                        .bind("uri", uri).bind("url", domain == null ? base + "/@" + username : "https://" + domain + "/@" + username)
                        .bind("sc", statuses / authors).bind("t", now.minus(Duration.ofDays(90))).add();
            }
            b.execute();

            long tagId = ids.next();
            h.createUpdate("INSERT INTO tags (id, name, name_key, created_at) VALUES (:id, 'bench', 'bench', :t)")
                    .bind("id", tagId).bind("t", now).execute();

            List<Long> followed = new ArrayList<>(authorIds.subList(0, Math.min(following, authorIds.size())));
            PreparedBatch f = h.prepareBatch("INSERT INTO follows (id, account_id, target_account_id, created_at) VALUES (:id, :a, :t, :now)");
            for (long target : followed) f.bind("id", ids.next()).bind("a", reader.accountId()).bind("t", target).bind("now", now).add();
            f.execute();
            h.createUpdate("UPDATE accounts SET following_count = :n WHERE id = :id").bind("n", followed.size()).bind("id", reader.accountId()).execute();
            java.util.Set<Long> followedSet = new java.util.HashSet<>(followed);

            PreparedBatch s = h.prepareBatch("""
                    INSERT INTO statuses (id, uri, url, account_id, local, text, content, visibility, language,
                      replies_count, reblogs_count, favourites_count, created_at, updated_at)
                    VALUES (:id, :uri, :url, :a, :local, :text, :content, :vis, 'en', :rc, :bc, :fc, :t, :t)""");
            PreparedBatch feed = h.prepareBatch("INSERT INTO home_feed (account_id, status_id, author_id) VALUES (:r, :s, :a)");
            PreparedBatch tags = h.prepareBatch("INSERT INTO status_tags (status_id, tag_id) VALUES (:s, :tag)");
            long span = Duration.ofDays(60).toMillis();
            List<long[]> rows = new ArrayList<>(statuses);
            for (int i = 0; i < statuses; i++) {
                rows.add(new long[] {now.toEpochMilli() - (long) (random.nextDouble() * span), authorIds.get(random.nextInt(authorIds.size()))});
            }
            rows.sort((x, y) -> Long.compare(x[0], y[0]));
            int n = 0;
            for (long[] row : rows) {
                Instant t = Instant.ofEpochMilli(row[0]);
                long id = ids.forTime(t);
                long author = row[1];
                int r = random.nextInt(100);
                String vis = r < 85 ? "public" : r < 95 ? "unlisted" : "private";
                String text = "Bench status " + id + " with some words to make it look like a real post, #bench and a link https://example.org/" + (id % 1000);
                String content = "<p>Bench status " + id + " with some words to make it look like a real post, "
                        + "<a href=\"" + base + "/tags/bench\" class=\"mention hashtag\" rel=\"tag\">#<span>bench</span></a> and a link "
                        + "<a href=\"https://example.org/" + (id % 1000) + "\" rel=\"nofollow noopener\" target=\"_blank\">example.org/" + (id % 1000) + "</a></p>";
                String uri = base + "/bench/statuses/" + id;
                s.bind("id", id).bind("uri", uri).bind("url", uri).bind("a", author).bind("local", true)
                        .bind("text", text).bind("content", content).bind("vis", vis)
                        .bind("rc", random.nextInt(5)).bind("bc", random.nextInt(20)).bind("fc", random.nextInt(50)).bind("t", t).add();
                if (id % 10 == 0) tags.bind("s", id).bind("tag", tagId).add();
                if (followedSet.contains(author)) feed.bind("r", reader.accountId()).bind("s", id).bind("a", author).add();
                if (++n % 5000 == 0) {
                    s.execute();
                    feed.execute();
                    if (tags.size() > 0) tags.execute();
                }
            }
            if (s.size() > 0) s.execute();
            if (feed.size() > 0) feed.execute();
            if (tags.size() > 0) tags.execute();
            return null;
        });
        List<Long> feedIds = app.infra.db.read(h -> h.createQuery("SELECT status_id FROM home_feed WHERE account_id = :r ORDER BY status_id DESC")
                .bind("r", reader.accountId()).mapTo(Long.class).list());
        return new Seeded(reader.accountId(), token, feedIds);
    }
}
