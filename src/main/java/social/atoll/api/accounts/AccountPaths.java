package social.atoll.api.accounts;

import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import social.atoll.server.ApiException;
import social.atoll.core.account.Account;
import social.atoll.core.account.AccountQueries;

/** Reading account ids from paths and parameters. Ids are decimal; anything else cannot name an account (404). */
final class AccountPaths {
    private AccountPaths() {}

    static long id(Context ctx) {
        Long id = parse(ctx.pathParam("id"));
        if (id == null) throw ApiException.notFound();
        return id;
    }

    /** The account named by the {@code {id}} path parameter, if others may see it; else 404. */
    static Account visible(Context ctx, AccountQueries accounts) {
        return accounts.visibleById(id(ctx)).orElseThrow(ApiException::notFound);
    }

    /** The numeric ids among {@code raw}, in order; others are skipped (they name nothing). */
    static List<Long> ids(List<String> raw) {
        List<Long> out = new ArrayList<>();
        for (String s : raw) {
            Long id = parse(s);
            if (id != null && !out.contains(id)) out.add(id);
        }
        return out;
    }

    private static Long parse(String s) {
        if (s == null || s.isEmpty() || s.length() > 19) return null;
        for (int i = 0; i < s.length(); i++) if (s.charAt(i) < '0' || s.charAt(i) > '9') return null;
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
