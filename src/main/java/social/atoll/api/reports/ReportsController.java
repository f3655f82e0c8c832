package social.atoll.api.reports;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import java.util.ArrayList;
import java.util.List;
import social.atoll.api.ApiException;
import social.atoll.api.Auth;
import social.atoll.api.Controller;
import social.atoll.api.Params;
import social.atoll.api.Viewer;
import social.atoll.api.entity.AccountEntity;
import social.atoll.api.entity.AccountViews;
import social.atoll.api.entity.Dates;
import social.atoll.core.account.AccountStore;
import social.atoll.core.moderation.Report;
import social.atoll.core.moderation.ReportService;

/**
 * {@code POST /api/v1/reports}: {@code account_id}, {@code status_ids[]}, {@code comment}, {@code category},
 * {@code rule_ids[]}, {@code forward}. Mastodon has no endpoint listing one's reports, and neither has Atoll.
 */
public final class ReportsController implements Controller {

    /** Mastodon's Report. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record ReportEntity(String id, boolean actionTaken, String actionTakenAt, String category, String comment,
                               boolean forwarded, String createdAt, List<String> statusIds, List<String> ruleIds,
                               AccountEntity targetAccount) {}

    private final Auth auth;
    private final ObjectMapper json;
    private final AccountStore accounts;
    private final ReportService reports;
    private final AccountViews views;

    public ReportsController(Auth auth, ObjectMapper json, AccountStore accounts, ReportService reports, AccountViews views) {
        this.auth = auth;
        this.json = json;
        this.accounts = accounts;
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
                    p.bool("forward", false)));
            AccountEntity targetAccount = views.render(accounts.byId(target).orElseThrow(ApiException::notFound));
            ctx.json(new ReportEntity(Long.toString(report.id()), report.actionTakenAt() != null, Dates.datetime(report.actionTakenAt()),
                    report.category(), report.comment(), report.forwarded(), Dates.datetime(report.createdAt()),
                    report.statusIds().isEmpty() ? null : report.statusIds().stream().map(String::valueOf).toList(),
                    report.ruleIds().isEmpty() ? null : report.ruleIds().stream().map(String::valueOf).toList(),
                    targetAccount));
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
