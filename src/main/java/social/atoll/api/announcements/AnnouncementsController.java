package social.atoll.api.announcements;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import social.atoll.server.ApiException;
import social.atoll.api.Auth;
import social.atoll.server.Controller;
import social.atoll.api.Viewer;
import social.atoll.api.entity.Dates;
import social.atoll.core.announcement.AnnouncementService;

/**
 * {@code GET /api/v1/announcements} (active ones, with {@code read}), {@code POST /api/v1/announcements/:id/dismiss},
 * {@code PUT|DELETE /api/v1/announcements/:id/reactions/:name}.
 */
public final class AnnouncementsController implements Controller {

    /** Mastodon's Announcement. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record AnnouncementEntity(String id, String content, String startsAt, String endsAt, boolean allDay,
                                     String publishedAt, String updatedAt, boolean read, List<Object> mentions,
                                     List<Object> statuses, List<Object> tags, List<Object> emojis, List<ReactionEntity> reactions) {}

    /** A reaction; {@code url}/{@code static_url} exist only for custom emoji, which Atoll does not have. */
    public record ReactionEntity(String name, int count, boolean me) {}

    private final Auth auth;
    private final AnnouncementService announcements;

    public AnnouncementsController(Auth auth, AnnouncementService announcements) {
        this.auth = auth;
        this.announcements = announcements;
    }

    @Override
    public void routes(RoutesConfig r) {
        r.get("/api/v1/announcements", ctx -> {
            Viewer v = auth.requireUser(ctx);
            ctx.json(announcements.active(v.accountId()).stream().map(AnnouncementsController::entity).toList());
        });
        r.post("/api/v1/announcements/{id}/dismiss", ctx -> {
            Viewer v = auth.requireUser(ctx, "write:accounts");
            announcements.dismiss(v.accountId(), id(ctx));
            ctx.json(Map.of());
        });
        r.put("/api/v1/announcements/{id}/reactions/{name}", ctx -> {
            Viewer v = auth.requireUser(ctx, "write:favourites");
            announcements.react(v.accountId(), id(ctx), name(ctx));
            ctx.json(Map.of());
        });
        r.delete("/api/v1/announcements/{id}/reactions/{name}", ctx -> {
            Viewer v = auth.requireUser(ctx, "write:favourites");
            announcements.unreact(v.accountId(), id(ctx), name(ctx));
            ctx.json(Map.of());
        });
    }

    /** An active announcement as {@code viewerId} sees it (read, own reactions), for streaming; empty if not active. */
    public java.util.Optional<AnnouncementEntity> entity(long viewerId, long id) {
        return announcements.active(viewerId).stream().filter(a -> a.id() == id).findFirst().map(AnnouncementsController::entity);
    }

    private static AnnouncementEntity entity(AnnouncementService.Announcement a) {
        return new AnnouncementEntity(Long.toString(a.id()), a.content(),
                Dates.datetime(a.startsAt()), Dates.datetime(a.endsAt()),
                a.allDay(), Dates.datetime(a.publishedAt()), Dates.datetime(a.updatedAt()), a.read(),
                List.of(), List.of(), List.of(), List.of(),
                a.reactions().stream().map(x -> new ReactionEntity(x.name(), x.count(), x.me())).toList());
    }

    private static long id(Context ctx) {
        try {
            return Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw ApiException.notFound();
        }
    }

    private static String name(Context ctx) { return URLDecoder.decode(ctx.pathParam("name"), StandardCharsets.UTF_8); }
}
