package social.atoll.federation.documents;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import social.atoll.core.quote.QuoteService;
import social.atoll.federation.vocab.QuoteActivities;
import social.atoll.server.ApiException;
import social.atoll.server.Controller;

/**
 * {@code /users/{username}/quote_authorizations/{id}}: a QuoteAuthorization this server issued (FEP-044f), served
 * while the quote stands so any server can check a quote's consent at its source; 404 once revoked.
 */
public final class QuoteAuthorizationsController implements Controller {

    private final QuoteService quotes;
    private final FetchAccess access;

    public QuoteAuthorizationsController(QuoteService quotes, FetchAccess access) {
        this.quotes = quotes;
        this.access = access;
    }

    @Override
    public void routes(RoutesConfig r) {
        r.get("/users/{username}/quote_authorizations/{id}", this::show);
    }

    private void show(Context ctx) {
        access.fetcher(ctx); // authorized fetch mode refuses unsigned fetchers here as for posts
        long id;
        try {
            id = Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw ApiException.notFound();
        }
        QuoteService.Authorization a = quotes.authorization(ctx.pathParam("username"), id).orElseThrow(ApiException::notFound);
        ActivityJson.send(ctx, QuoteActivities.authorization(a.approvalUri(), a.quotedAuthor(), a.quotingUri(), a.quotedUri()));
    }
}
