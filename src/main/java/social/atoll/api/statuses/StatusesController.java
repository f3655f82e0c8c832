package social.atoll.api.statuses;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
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
import social.atoll.core.media.MediaAttacher;
import social.atoll.core.media.MediaAttachment;
import social.atoll.core.status.NewStatus;
import social.atoll.core.status.PostStatusService;
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
    private final PostStatusService posting;
    /** The thread, and the fetching of its missing replies (complete threads). */
    private final social.atoll.core.thread.ThreadCompletion threads;
    private final StatusService service;
    private final StatusQueries statuses;
    private final StatusViews views;
    private final ScheduledStatusViews scheduledViews;
    private final MediaAttacher media;

    public StatusesController(Auth auth, ObjectMapper json, PostStatusService posting, StatusService service, StatusQueries statuses,
                              StatusViews views, ScheduledStatusViews scheduledViews, MediaAttacher media,
                              social.atoll.core.thread.ThreadCompletion threads) {
        this.threads = threads;
        this.auth = auth;
        this.json = json;
        this.posting = posting;
        this.service = service;
        this.statuses = statuses;
        this.views = views;
        this.scheduledViews = scheduledViews;
        this.media = media;
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
        String badVisibility = "Visibility is not included in the list";
        Visibility vis = p.word("visibility", badVisibility).map(s -> Visibility.parseRequested(s)
                .orElseThrow(() -> ApiException.invalid(badVisibility))).orElse(null);
        Long replyTo = p.string("in_reply_to_id").map(StatusesController::id).orElse(null);
        NewStatus req = new NewStatus(p.rawString("status").orElse(""), p.rawString("spoiler_text").orElse(""),
                p.bool("sensitive").orElse(null), vis, replyTo, p.string("language").orElse(null), StatusParams.poll(p),
                p.list("media_ids"), StatusParams.time(p, "scheduled_at"), v.token().appId(), ctx.header("Idempotency-Key"),
                p.string("circle_id").map(StatusesController::id).orElse(null), p.bool("local_only").orElse(null),
                p.string("quoted_status_id").map(StatusesController::id).orElse(null), p.string("quote_approval_policy").orElse(null),
                social.atoll.api.interactions.InteractionPolicyParams.read(p, "interaction_policy"));
        PostStatusService.Posted posted;
        try {
            posted = posting.post(v.accountId(), req);
        } catch (social.atoll.core.common.NotFoundException e) {
            // Mastodon's own wording, so a client can tell a quote it may not make from a reply to a missing post
            if (req.quotedStatusId() != null && "quoted status".equals(e.getMessage()))
                throw new ApiException(404, "The post you are trying to quote does not appear to exist.");
            throw e;
        }
        switch (posted) {
            case PostStatusService.Published published -> ctx.json(views.render(published.status(), v.accountId()));
            case PostStatusService.Scheduled later -> ctx.json(scheduledViews.render(later.scheduled()));
        }
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
        boolean deleteMedia = Params.from(ctx, json).bool("delete_media", false);
        List<MediaAttachment> attachments = deleteMedia ? media.attachments(s.id()) : List.of();
        service.delete(s);
        if (deleteMedia) media.discard(attachments);
        ctx.json(rendered);
    }

    private void context(Context ctx) {
        Viewer v = auth.optional(ctx, "read:statuses");
        StatusQueries.Thread thread = threads.context(v.accountId(), id(ctx.pathParam("id"))).orElseThrow(ApiException::notFound);
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
