package social.atoll.web.admin;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import social.atoll.core.moderation.Dashboard;
import social.atoll.core.moderation.HeldPosts;
import social.atoll.core.moderation.Permission;
import social.atoll.core.moderation.StaffAccess;
import social.atoll.core.trends.TrendsService;
import social.atoll.server.Controller;
import social.atoll.web.BrowserSessions;
import social.atoll.web.Pages;

/**
 * {@code /admin/dashboard}: the last 30 days' measures (a table with the numbers; a bar drawing beside each, hidden
 * from screen readers since the table says it all), the work waiting, and the servers this one knows with their
 * block, through {@link Dashboard} ({@code view_dashboard}).
 */
public final class AdminDashboardPage implements Controller {

    /** One bar of a measure's drawing: its x and height in the 150×32 box. */
    public record Bar(int x, int y, int height) {}

    public record Row(String key, long total, long previous, List<Bar> bars, long max) {}

    /**
     * {@code pendingTrends}: trending items waiting for review; {@code heldPosts}: posts the spam defence holds; each
     * -1 for staff who may not handle them.
     */
    public record View(List<AdminNav.Entry> nav, String start, String end, List<Row> rows, long pendingSignUps, long openReports,
                       List<Dashboard.Server> servers, long pendingTrends, long heldPosts) {}

    private static final int HEIGHT = 30;

    private final AdminSupport support;
    private final Pages pages;
    private final Dashboard dashboard;
    private final TrendsService trends;
    private final HeldPosts held;

    public AdminDashboardPage(BrowserSessions sessions, Pages pages, Dashboard dashboard, TrendsService trends, HeldPosts held) {
        this.trends = trends;
        this.held = held;
        this.support = new AdminSupport(sessions, pages);
        this.pages = pages;
        this.dashboard = dashboard;
    }

    @Override
    public void routes(RoutesConfig r) { r.get("/admin/dashboard", this::show); }

    private void show(Context ctx) {
        var s = support.viewer(ctx);
        if (s.isEmpty()) return;
        Dashboard.Overview o = dashboard.overview(s.get().actor());
        List<Row> rows = new ArrayList<>();
        for (Dashboard.Measure m : o.measures()) {
            long max = 0;
            for (Dashboard.Point p : m.data()) max = Math.max(max, p.value());
            List<Bar> bars = new ArrayList<>();
            for (int i = 0; i < m.data().size(); i++) {
                long v = m.data().get(i).value();
                int h = max == 0 ? 0 : (int) Math.max(v > 0 ? 1 : 0, Math.round((double) v / max * HEIGHT));
                bars.add(new Bar(i * 5, 1 + HEIGHT - h, h));
            }
            rows.add(new Row(m.key(), m.total(), m.previousTotal(), bars, max));
        }
        pages.render(ctx, 200, "admin/dashboard.jte", support.page(ctx, "dashboard"), new View(AdminSupport.nav(s.get()), o.start().toString(),
                o.end().toString(), rows, o.pendingSignUps(), o.openReports(), o.servers(),
                StaffAccess.can(s.get().actor(), Permission.MANAGE_TAXONOMIES) ? trends.pendingReview() : -1,
                StaffAccess.can(s.get().actor(), Permission.MANAGE_REPORTS) ? held.count(s.get().actor()) : -1));
    }
}
