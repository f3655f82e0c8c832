package social.atoll.api.reports;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import java.util.ArrayList;
import java.util.List;
import social.atoll.server.ApiException;
import social.atoll.api.Auth;
import social.atoll.server.Controller;
import social.atoll.server.Params;
import social.atoll.api.Viewer;
import social.atoll.api.entity.ReportViews;
import social.atoll.core.moderation.Report;
import social.atoll.core.moderation.ReportService;

/**
 * {@code POST /api/v1/reports}: {@code account_id}, {@code status_ids[]}, {@code comment}, {@code category},
 * {@code rule_ids[]}, {@code forward}, {@code forward_to_domains[]}. Mastodon has no endpoint listing one's reports, and neither has Atoll.
 */
public final class ReportsController implements Controller {

    private final Auth auth;
    private final ObjectMapper json;
    private final ReportService reports;
    private final ReportViews views;

    public ReportsController(Auth auth, ObjectMapper json, ReportService reports, ReportViews views) {
        this.auth = auth;
        this.json = json;
        this.reports = reports;
        this.views = views;
    }

    @Override
    public void routes(RoutesConfig r) {
        r.post("/api/v1/reports", ctx -> {
            Viewer v = auth.requireUser(ctx, "write:reports");
            Params p = Params.from(ctx, json);
            long target = number(p.require("account_id"));
            Report report = reports.create(v.accountId(), new ReportService.NewReport(target, numbers(p.list("status_ids")),
                    p.rawString("comment").orElse(""), p.string("category").orElse(null), numbers(p.list("rule_ids")),
                    p.bool("forward", false), p.list("forward_to_domains")));
            ctx.json(views.render(report).orElseThrow(ApiException::notFound));
        });
    }

    private static List<Long> numbers(List<String> raw) {
        List<Long> out = new ArrayList<>();
        for (String s : raw) {
            long n = number(s);
            if (!out.contains(n)) out.add(n);
        }
        return out;
    }

    private static long number(String s) {
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            throw ApiException.notFound();
        }
    }
}
