package social.atoll.api.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import social.atoll.api.Auth;
import social.atoll.core.moderation.Dashboard;
import social.atoll.server.ApiException;
import social.atoll.server.Controller;
import social.atoll.server.Params;

/**
 * Mastodon's dashboard metrics: {@code POST /api/v1/admin/measures}, {@code /dimensions} and {@code /retention}
 * (scope {@code admin:read}, permission {@code view_dashboard}). Dates are UTC days; numbers are strings, as
 * Mastodon serves them.
 */
public final class AdminDashboardController implements Controller {

    private final Auth auth;
    private final ObjectMapper json;
    private final Dashboard dashboard;

    public AdminDashboardController(Auth auth, ObjectMapper json, Dashboard dashboard) {
        this.auth = auth;
        this.json = json;
        this.dashboard = dashboard;
    }

    @Override
    public void routes(RoutesConfig r) {
        r.post("/api/v1/admin/measures", this::measures);
        r.post("/api/v1/admin/dimensions", this::dimensions);
        r.post("/api/v1/admin/retention", this::retention);
    }

    private void measures(Context ctx) {
        var actor = auth.staff(ctx, "admin:read");
        Params p = Params.from(ctx, json);
        List<String> keys = p.list("keys");
        Map<String, String> domains = new HashMap<>();
        for (String k : keys) p.group(k).string("domain").ifPresent(d -> domains.put(k, d));
        List<Object> out = new ArrayList<>();
        for (Dashboard.Measure m : dashboard.measures(actor, keys, date(p, "start_at"), date(p, "end_at"), domains)) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("key", m.key());
            e.put("unit", m.unit());
            e.put("total", Long.toString(m.total()));
            if ("bytes".equals(m.unit())) e.put("human_value", bytes(m.total()));
            e.put("previous_total", Long.toString(m.previousTotal()));
            e.put("data", m.data().stream().map(d -> Map.of("date", day(d.date()), "value", Long.toString(d.value()))).toList());
            out.add(e);
        }
        ctx.json(out);
    }

    private void dimensions(Context ctx) {
        var actor = auth.staff(ctx, "admin:read");
        Params p = Params.from(ctx, json);
        int limit = p.integer("limit").orElse(10);
        List<Object> out = new ArrayList<>();
        for (Dashboard.Dimension d : dashboard.dimensions(actor, p.list("keys"), date(p, "start_at"), date(p, "end_at"), limit)) {
            List<Object> items = new ArrayList<>();
            for (Dashboard.Item i : d.data()) {
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("key", i.key());
                e.put("human_key", i.humanKey());
                e.put("value", i.value());
                if (i.unit() != null) {
                    e.put("unit", i.unit());
                    e.put("human_value", bytes(Long.parseLong(i.value())));
                } else if (d.key().equals("software_versions")) {
                    e.put("human_value", i.value());
                }
                items.add(e);
            }
            out.add(Map.of("key", d.key(), "data", items));
        }
        ctx.json(out);
    }

    private void retention(Context ctx) {
        var actor = auth.staff(ctx, "admin:read");
        Params p = Params.from(ctx, json);
        String frequency = p.string("frequency").orElse("day");
        List<Object> out = new ArrayList<>();
        for (Dashboard.Cohort c : dashboard.retention(actor, date(p, "start_at"), date(p, "end_at"), frequency)) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("period", day(c.period()));
            e.put("frequency", c.frequency());
            e.put("data", c.data().stream().map(d -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("date", day(d.date()));
                m.put("rate", d.rate());
                m.put("value", Long.toString(d.value()));
                return m;
            }).toList());
            out.add(e);
        }
        ctx.json(out);
    }

    private static String day(LocalDate d) { return d + "T00:00:00Z"; }

    /** {@code start_at}/{@code end_at}: a date, or a date-time whose day is taken. */
    private static LocalDate date(Params p, String name) {
        String v = p.string(name).orElseThrow(() -> ApiException.missingParam(name));
        try {
            return LocalDate.parse(v.length() >= 10 ? v.substring(0, 10) : v);
        } catch (DateTimeParseException e) {
            throw ApiException.unprocessable(name + " is not a date");
        }
    }

    /** Mastodon's number_to_human_size: 8.32 MB. */
    static String bytes(long n) {
        String[] units = {"Bytes", "KB", "MB", "GB", "TB"};
        double v = n;
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        if (u == 0) return n + " Bytes";
        String s = String.format(java.util.Locale.ROOT, "%.3g", v);
        if (s.contains(".")) s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
        return s + " " + units[u];
    }
}
