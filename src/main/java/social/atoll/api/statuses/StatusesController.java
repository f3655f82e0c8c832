package social.atoll.api.statuses;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import social.atoll.server.ApiException;
import social.atoll.api.Auth;
import social.atoll.server.Controller;
import social.atoll.server.Params;
import social.atoll.api.Viewer;
import social.atoll.api.entity.StatusEntity;
import social.atoll.api.entity.StatusViews;
import social.atoll.api.entity.ScheduledStatusViews;
import social.atoll.core.poll.NewPoll;
import social.atoll.core.status.ScheduledStatusService;
import social.atoll.core.status.StatusComposer;
import social.atoll.core.status.NewStatus;
import social.atoll.core.status.Status;
import social.atoll.core.status.StatusService;
import social.atoll.core.status.StatusQueries;
import social.atoll.core.status.Visibility;

/**
 * {@code /api/v1/statuses}: post, read one or several, delete (answering with the source for redraft), and the
 * thread context. Invisible statuses are answered with 404, as if they did not exist.
 */
public final class StatusesController implements Controller {

    /** Mastodon answers at most this many statuses to {@code GET /api/v1/statuses?id[]=}. */
    private static final int MAX_IDS = 40;

    private final Auth auth;
    private final ObjectMapper json;
    private final StatusService service;
    private final StatusQueries statuses;
    private final StatusViews views;
    /** Posts with a poll (and later media); null posts through {@link #service} alone. */
    private final StatusComposer composer;
    private final ScheduledStatusService scheduled;
    private final ScheduledStatusViews scheduledViews;
    /** Posts with media attachments; null refuses {@code media_ids}. */
    private final social.atoll.core.media.MediaAttacher media;

    public StatusesController(Auth auth, ObjectMapper json, StatusService service, StatusQueries statuses,
                              StatusViews views) {
        this(auth, json, service, statuses, views, null, null, null);
    }

    public StatusesController(Auth auth, ObjectMapper json, StatusService service, StatusQueries statuses,
                              StatusViews views, StatusComposer composer,
                              ScheduledStatusService scheduled, ScheduledStatusViews scheduledViews) {
        this(auth, json, service, statuses, views, composer, scheduled, scheduledViews, null);
    }

    public StatusesController(Auth auth, ObjectMapper json, StatusService service, StatusQueries statuses,
                              StatusViews views, StatusComposer composer,
                              ScheduledStatusService scheduled, ScheduledStatusViews scheduledViews,
                              social.atoll.core.media.MediaAttacher media) {
        this.media = media;
        this.auth = auth;
        this.json = json;
        this.service = service;
        this.statuses = statuses;
        this.views = views;
        this.composer = composer;
        this.scheduled = scheduled;
        this.scheduledViews = scheduledViews;
    }

    @Override
    public void routes(RoutesConfig r) {
        r.post("/api/v1/statuses", this::create);
        r.get("/api/v1/statuses", this::index);
        r.get("/api/v1/statuses/{id}", this::show);
        r.delete("/api/v1/statuses/{id}", this::destroy);
        r.get("/api/v1/statuses/{id}/context", this::context);
    }

    private void create(Context ctx) {
        Viewer v = auth.requireUser(ctx, "write:statuses");
        Params p = Params.from(ctx, json);
        NewPoll poll = composer == null ? null : StatusParams.poll(p);
        // Mastodon's wording when a poll comes with media
        if (poll != null && !p.list("media_ids").isEmpty()) throw ApiException.unprocessable("Cannot attach more than 4 files.");
        // Media, and polls or scheduling without their services, are refused rather than posted as something else
        if (media == null && !p.list("media_ids").isEmpty()) throw ApiException.invalid("Media attachments are not supported yet");
        List<Long> mediaIds = media == null ? List.of() : media.check(v.accountId(), p.list("media_ids"));
        if (composer == null && !p.group("poll").list("options").isEmpty()) throw ApiException.invalid("Polls are not supported yet");
        if (scheduled == null && p.has("scheduled_at")) throw ApiException.invalid("Scheduled posts are not supported yet");
        Visibility vis = p.string("visibility").map(s -> Visibility.parseRequested(s)
                .orElseThrow(() -> ApiException.invalid("Visibility is not included in the list"))).orElse(null);
        Long replyTo = p.string("in_reply_to_id").map(StatusesController::id).orElse(null);
        NewStatus req = new NewStatus(v.accountId(), p.rawString("status").orElse(""),
                p.rawString("spoiler_text").orElse(""), p.bool("sensitive").orElse(null), vis, replyTo,
                p.string("language").orElse(null), v.token().appId(), ctx.header("Idempotency-Key"));
        // a time already past posts now, as Mastodon does; one in the next five minutes is refused by the service
        Instant at = scheduled == null ? null : StatusParams.time(p, "scheduled_at");
        if (at != null && at.isAfter(Instant.now())) {
            ctx.json(scheduledViews.render(scheduled.schedule(req, poll, mediaIds.stream().map(String::valueOf).toList(), at)));
            return;
        }
        Status s = !mediaIds.isEmpty() ? media.post(req, mediaIds) : composer == null ? service.post(req) : composer.post(req, poll);
        ctx.json(views.render(s, v.accountId()));
    }

    private void index(Context ctx) {
        Viewer v = auth.optional(ctx, "read:statuses");
        Params p = Params.from(ctx, json);
        List<Long> ids = new ArrayList<>(new LinkedHashSet<>(p.list("id").stream().map(StatusesController::parseOrNull)
                .filter(java.util.Objects::nonNull).limit(MAX_IDS).toList()));
        ctx.json(views.renderAll(statuses.visible(v.accountId(), ids), v.accountId()));
    }

    private void show(Context ctx) {
        Viewer v = auth.optional(ctx, "read:statuses");
        Status s = statuses.visibleById(v.accountId(), id(ctx.pathParam("id"))).orElseThrow(ApiException::notFound);
        ctx.json(views.render(s, v.accountId()));
    }

    private void destroy(Context ctx) {
        Viewer v = auth.requireUser(ctx, "write:statuses");
        Status s = service.ownStatus(v.accountId(), id(ctx.pathParam("id")));
        StatusEntity rendered = views.render(s, v.accountId()).withSource(s.text());
        boolean deleteMedia = media != null && Params.from(ctx, json).bool("delete_media", false);
        var attachments = deleteMedia ? media.attachments(s.id()) : List.<social.atoll.core.media.MediaAttachment>of();
        service.delete(s);
        if (deleteMedia) media.discard(attachments);
        ctx.json(rendered);
    }

    private void context(Context ctx) {
        Viewer v = auth.optional(ctx, "read:statuses");
        StatusQueries.Thread thread = statuses.context(v.accountId(), id(ctx.pathParam("id"))).orElseThrow(ApiException::notFound);
        List<Status> all = new ArrayList<>(thread.ancestors());
        all.addAll(thread.descendants());
        List<StatusEntity> rendered = views.renderAll(all, v.accountId());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ancestors", rendered.subList(0, thread.ancestors().size()));
        body.put("descendants", rendered.subList(thread.ancestors().size(), rendered.size()));
        ctx.json(body);
    }

    /** A status id from the path or a parameter; anything that is not one cannot name a status. */
    static long id(String s) {
        Long id = parseOrNull(s);
        if (id == null) throw ApiException.notFound();
        return id;
    }

    private static Long parseOrNull(String s) {
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException | NullPointerException e) {
            return null;
        }
    }
}
