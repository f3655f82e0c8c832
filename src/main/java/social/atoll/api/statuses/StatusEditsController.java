package social.atoll.api.statuses;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import social.atoll.server.ApiException;
import social.atoll.api.Auth;
import social.atoll.server.Controller;
import social.atoll.server.Params;
import social.atoll.api.Viewer;
import social.atoll.api.entity.AccountEntity;
import social.atoll.api.entity.AccountViews;
import social.atoll.api.entity.Dates;
import social.atoll.api.entity.MediaViews;
import social.atoll.api.entity.StatusEditEntity;
import social.atoll.api.entity.StatusViews;
import social.atoll.core.poll.NewPoll;
import social.atoll.core.status.Status;
import social.atoll.core.status.StatusAttachments;
import social.atoll.core.status.StatusEdit;
import social.atoll.core.status.StatusEditService;
import social.atoll.core.status.StatusQueries;
import social.atoll.core.status.StatusUpdate;

/**
 * Editing a status ({@code PUT /api/v1/statuses/:id}), its versions ({@code history}, oldest first) and its source
 * text ({@code source}, for the edit form).
 */
public final class StatusEditsController implements Controller {

    private final Auth auth;
    private final ObjectMapper json;
    private final StatusEditService edits;
    private final StatusQueries statuses;
    private final StatusViews views;
    private final AccountViews accountViews;
    /** Renders each version's attachments. */
    private final MediaViews mediaViews;

    public StatusEditsController(Auth auth, ObjectMapper json, StatusEditService edits, StatusQueries statuses,
                                 StatusViews views, AccountViews accountViews, MediaViews mediaViews) {
        this.mediaViews = mediaViews;
        this.auth = auth;
        this.json = json;
        this.edits = edits;
        this.statuses = statuses;
        this.views = views;
        this.accountViews = accountViews;
    }

    @Override
    public void routes(RoutesConfig r) {
        r.put("/api/v1/statuses/{id}", this::update);
        r.get("/api/v1/statuses/{id}/history", this::history);
        r.get("/api/v1/statuses/{id}/source", ctx -> {
            Viewer v = auth.optional(ctx, "read:statuses");
            Status s = visible(ctx, v);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("id", Long.toString(s.id()));
            body.put("text", s.text() == null ? "" : s.text());
            body.put("spoiler_text", s.spoilerText() == null ? "" : s.spoilerText());
            ctx.json(body);
        });
    }

    private void update(Context ctx) {
        Viewer v = auth.requireUser(ctx, "write:statuses");
        Params p = Params.from(ctx, json);
        NewPoll poll = StatusParams.poll(p);
        // as in Mastodon, the media_ids given are the attachments after the edit: none given removes them
        List<StatusAttachments.MediaChange> changes = new ArrayList<>();
        for (Params a : p.groups("media_attributes")) {
            Long id = a.string("id").map(StatusEditsController::mediaId).orElse(null);
            if (id != null) changes.add(new StatusAttachments.MediaChange(id, a.rawString("description").orElse(null),
                    a.string("focus").orElse(null)));
        }
        Status s = edits.edit(v.accountId(), StatusesController.id(ctx.pathParam("id")), new StatusUpdate(
                p.rawString("status").orElse(""), p.rawString("spoiler_text").orElse(""), p.bool("sensitive").orElse(null),
                p.string("language").orElse(null), poll, p.list("media_ids"), changes));
        ctx.json(views.render(s, v.accountId()));
    }

    private void history(Context ctx) {
        Viewer v = auth.optional(ctx, "read:statuses");
        Status s = visible(ctx, v);
        List<StatusEdit> versions = edits.history(s);
        AccountEntity account = accountViews.renderByIds(List.of(s.accountId())).get(s.accountId());
        Map<Long, Object> media = mediaViews.byIds(versions.stream().flatMap(e -> e.mediaIds().stream()).distinct().toList());
        List<StatusEditEntity> out = new ArrayList<>(versions.size());
        for (StatusEdit e : versions) {
            StatusEditEntity.Poll poll = e.pollOptions() == null ? null
                    : new StatusEditEntity.Poll(e.pollOptions().stream().map(StatusEditEntity.Option::new).toList());
            out.add(new StatusEditEntity(e.content(), e.spoilerText(), e.sensitive(), Dates.datetime(e.createdAt()), account,
                    poll, e.mediaIds().stream().map(media::get).filter(java.util.Objects::nonNull).toList(), List.of()));
        }
        ctx.json(out);
    }

    private static Long mediaId(String s) {
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private Status visible(Context ctx, Viewer v) {
        return statuses.visibleById(v.accountId(), StatusesController.id(ctx.pathParam("id"))).orElseThrow(ApiException::notFound);
    }
}
