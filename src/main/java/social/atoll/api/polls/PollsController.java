package social.atoll.api.polls;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import java.util.ArrayList;
import java.util.List;
import social.atoll.server.ApiException;
import social.atoll.api.Auth;
import social.atoll.server.Controller;
import social.atoll.server.Params;
import social.atoll.api.Viewer;
import social.atoll.api.entity.PollViews;
import social.atoll.core.poll.Poll;
import social.atoll.core.poll.PollService;

/** {@code GET /api/v1/polls/:id} and {@code POST /api/v1/polls/:id/votes}; a poll is visible when its status is. */
public final class PollsController implements Controller {

    private final Auth auth;
    private final ObjectMapper json;
    private final PollService polls;
    private final PollViews views;

    public PollsController(Auth auth, ObjectMapper json, PollService polls, PollViews views) {
        this.auth = auth;
        this.json = json;
        this.polls = polls;
        this.views = views;
    }

    @Override
    public void routes(RoutesConfig r) {
        r.get("/api/v1/polls/{id}", ctx -> {
            Viewer v = auth.optional(ctx, "read:statuses");
            Poll poll = polls.visiblePoll(v.accountId(), id(ctx.pathParam("id")));
            ctx.json(views.render(poll, v.accountId()));
        });
        r.post("/api/v1/polls/{id}/votes", ctx -> {
            Viewer v = auth.requireUser(ctx, "write:statuses");
            List<String> raw = Params.from(ctx, json).list("choices");
            if (raw.isEmpty()) throw ApiException.missingParam("choices");
            List<Integer> choices = new ArrayList<>(raw.size());
            for (String c : raw) {
                try {
                    choices.add(Integer.parseInt(c.trim()));
                } catch (NumberFormatException e) {
                    throw ApiException.invalid("The chosen vote option does not exist");
                }
            }
            Poll poll = polls.vote(v.accountId(), id(ctx.pathParam("id")), choices);
            ctx.json(views.render(poll, v.accountId()));
        });
    }

    private static long id(String s) {
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            throw ApiException.notFound();
        }
    }
}
