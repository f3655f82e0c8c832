package social.atoll.infra.metrics;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.TimeUnit;

/**
 * The process's meters in Prometheus form: JVM memory, GC, threads, class loading, CPU and uptime, HTTP requests
 * by route template, and whatever other components register (the job queue counts its runs).
 */
public final class Metrics implements AutoCloseable {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();

    public Metrics() {
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    public MeterRegistry registry() { return registry; }

    /**
     * Times one HTTP request. {@code route} must be the route template ({@code /api/v1/accounts/{id}}), never the
     * raw path, or every id would become a time series of its own.
     */
    public void recordRequest(String method, String route, int status, float millis) {
        Timer.builder("atoll.http.requests")
                .description("HTTP requests served")
                .tag("method", method)
                .tag("route", route)
                .tag("status", Integer.toString(status))
                .register(registry)
                .record(Math.round(millis * 1000.0), TimeUnit.MICROSECONDS);
    }

    /** The number of SQL statements one request ({@code GET /api/v1/timelines/home}) or job run took. */
    public void recordStatements(String unit, int statements) {
        DistributionSummary.builder("atoll.db.statements")
                .description("SQL statements per request or job run")
                .tag("unit", unit)
                .register(registry)
                .record(statements);
    }

    /** The Prometheus text exposition format. */
    public String scrape() { return registry.scrape(); }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
