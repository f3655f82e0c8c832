package social.atoll.bench;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import social.atoll.App;
import social.atoll.config.Settings;
import social.atoll.infra.crypto.CryptoProviders;

/**
 * Federation throughput on a fresh database: outbound deliveries per second as a share of bare RSA signing
 * ({@link DeliveryBench}), and inbound activities processed per second as a share of bare status INSERTs
 * ({@link InboundBench}). One Atoll in this JVM, with private addresses allowed so that it delivers to loopback.
 */
public final class FederationBench {

    /** Parameters of one run; {@code jdkCrypto} keeps the JDK's providers instead of installing ACCP. */
    public record Options(int inboxes, int posts, int signatures, int activities, int actors, int senders, String dbUrl,
                          boolean jdkCrypto) {}

    private FederationBench() {}

    /** Deliveries/s beside raw signatures/s, inbound activities stored/s beside raw inserts/s. */
    public record Result(double deliveriesPerSecond, double signingPerSecond, double inboundPerSecond, double insertsPerSecond) {
        public double deliveryRatio() { return deliveriesPerSecond / signingPerSecond; }

        public double inboundRatio() { return inboundPerSecond / insertsPerSecond; }
    }

    public static Result run(Options o) throws Exception {
        PrintStream out = System.out;
        // before App: its own install() call then keeps this decision
        CryptoProviders.Installed crypto = CryptoProviders.install(o.jdkCrypto() ? CryptoProviders.Choice.JDK : CryptoProviders.Choice.AUTO);
        Path dir = Files.createTempDirectory("atoll-bench-fed");
        Settings settings = ThrowAwayInstance.settings(dir, o.dbUrl(), Map.of("ATOLL_ALLOW_PRIVATE_ADDRESSES", "true"));
        // thousands of access-log lines would bury the figures (and time the console rather than Atoll)
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("atoll.access")).setLevel(ch.qos.logback.classic.Level.WARN);

        try (App app = new App(settings)) {
            app.startWorkers();
            app.startWeb();
            out.printf("database: %s%n", settings.isPostgres() ? "PostgreSQL" : "SQLite (" + dir + ")");
            out.println(crypto.describe());
            out.printf("%n(a) delivery to %d loopback inboxes that verify every signature%n", o.inboxes());
            DeliveryBench.Result delivery = DeliveryBench.run(app, o.inboxes(), o.posts(), o.signatures(), out);
            out.printf("ratio delivery / raw signing: %.2f%n", delivery.ratio());

            InboundBench.awaitQuietQueue(app);
            out.printf("%n(b) inbound processing of %,d pre-signed Create activities%n", o.activities());
            InboundBench.Result inbound = InboundBench.run(app, o.activities(), o.actors(), o.senders(), out);
            out.printf("ratio inbound / raw insert: %.2f (accepting alone: %.2f)%n", inbound.ratio(),
                    inbound.accepted().perSecond() / inbound.inserts().perSecond());

            out.printf("%nsummary (%s, %s): delivery %,.0f/s = %.2f x signing %,.0f/s; inbound %,.0f/s = %.2f x inserts %,.0f/s%n",
                    settings.isPostgres() ? "PostgreSQL" : "SQLite", crypto.accp() ? "ACCP" : "JDK crypto",
                    delivery.deliveries().perSecond(), delivery.ratio(), delivery.signing().perSecond(),
                    inbound.stored().perSecond(), inbound.ratio(), inbound.inserts().perSecond());
            return new Result(delivery.deliveries().perSecond(), delivery.signing().perSecond(), inbound.stored().perSecond(),
                    inbound.inserts().perSecond());
        } finally {
            ThrowAwayInstance.delete(dir);
        }
    }
}
