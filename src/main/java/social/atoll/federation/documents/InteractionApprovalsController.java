package social.atoll.federation.documents;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import social.atoll.core.interaction.InteractionRequestService;
import social.atoll.federation.vocab.InteractionActivities;
import social.atoll.server.ApiException;
import social.atoll.server.Controller;

/**
 * {@code /users/{username}/approvals/{id}}: an approval this server issued for an interaction with a local post
 * (GoToSocial's {@code LikeApproval}, {@code ReplyApproval}, {@code AnnounceApproval}), served so any server can
 * check an {@code approvedBy} at its source.
 */
public final class InteractionApprovalsController implements Controller {

    private final InteractionRequestService requests;
    private final FetchAccess access;

    public InteractionApprovalsController(InteractionRequestService requests, FetchAccess access) {
        this.requests = requests;
        this.access = access;
    }

    @Override
    public void routes(RoutesConfig r) {
        r.get("/users/{username}/approvals/{id}", this::show);
    }

    private void show(Context ctx) {
        access.fetcher(ctx); // authorized fetch mode refuses unsigned fetchers here as for posts
        long id;
        try {
            id = Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw ApiException.notFound();
        }
        InteractionRequestService.Approval a = requests.approval(ctx.pathParam("username"), id).orElseThrow(ApiException::notFound);
        ActivityJson.send(ctx, InteractionActivities.approval(a.id(), a.type(), a.author(), a.interactionUri(), a.targetUri()));
    }
}
