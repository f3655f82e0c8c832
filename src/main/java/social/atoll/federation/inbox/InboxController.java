package social.atoll.federation.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import social.atoll.server.HttpServer;
import social.atoll.server.Controller;
import social.atoll.core.account.Account;
import social.atoll.core.account.AccountStore;
import social.atoll.federation.signatures.SignatureException;
import social.atoll.federation.signatures.SignatureVerifier;
import social.atoll.federation.signatures.VerifiedRequest;

/**
 * The shared inbox ({@code POST /inbox}) and personal inboxes ({@code POST /users/{name}/inbox}): size limit, JSON,
 * HTTP signature, then {@link InboxIntake} stores the activity as a job and the answer is {@code 202}. A request
 * that fails a check is answered with a JSON error and leaves nothing behind.
 */
public final class InboxController implements Controller {

    /** Mastodon's limit for an inbound activity. */
    static final int MAX_BYTES = 1024 * 1024;

    private final AccountStore accounts;
    private final SignatureVerifier verifier;
    private final InboxIntake intake;
    private final ObjectMapper json;

    public InboxController(AccountStore accounts, SignatureVerifier verifier, InboxIntake intake, ObjectMapper json) {
        this.accounts = accounts;
        this.verifier = verifier;
        this.intake = intake;
        this.json = json;
    }

    @Override
    public void routes(RoutesConfig r) {
        r.post("/inbox", ctx -> receive(ctx, null));
        r.post("/users/{name}/inbox", ctx -> receive(ctx, ctx.pathParam("name")));
    }

    private void receive(Context ctx, String username) {
        Account owner = null;
        if (username != null) {
            owner = accounts.byAcct(username, null).orElse(null);
            if (owner == null) {
                HttpServer.error(ctx, 404, "Record not found", null);
                return;
            }
            if (owner.suspended()) {
                HttpServer.error(ctx, 410, "Gone", null);
                return;
            }
        }
        if (ctx.contentLength() > MAX_BYTES) {
            HttpServer.error(ctx, 413, "Payload too large", null);
            return;
        }
        byte[] body = ctx.bodyAsBytes();
        if (body.length > MAX_BYTES) {
            HttpServer.error(ctx, 413, "Payload too large", null);
            return;
        }
        JsonNode activity;
        try {
            activity = json.readTree(body);
        } catch (IOException e) {
            activity = null;
        }
        if (activity == null || !activity.isObject()) {
            HttpServer.error(ctx, 400, "Request body is not a JSON object", null);
            return;
        }
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (String name : ctx.req().getHeaderNames() == null ? List.<String>of() : java.util.Collections.list(ctx.req().getHeaderNames()))
            headers.put(name, java.util.Collections.list(ctx.req().getHeaders(name)));
        String query = ctx.queryString();
        VerifiedRequest verified;
        try {
            verified = verifier.verify("POST", ctx.path() + (query == null || query.isEmpty() ? "" : "?" + query), headers, body);
        } catch (SignatureException e) {
            HttpServer.error(ctx, e.status(), e.reason(), null);
            return;
        }
        try {
            intake.accept(activity, verified.actor(), owner);
        } catch (InboxIntake.Rejected e) {
            HttpServer.error(ctx, e.status(), e.getMessage(), null);
            return;
        }
        ctx.status(202).result("");
    }
}
