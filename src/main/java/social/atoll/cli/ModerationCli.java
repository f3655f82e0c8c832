package social.atoll.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import social.atoll.App;
import social.atoll.Atoll;
import social.atoll.core.account.Account;
import social.atoll.core.common.ForbiddenException;
import social.atoll.core.common.NotFoundException;
import social.atoll.core.common.ValidationException;
import social.atoll.core.moderation.StaffAccess;

/**
 * What the moderation commands share: they act as the system (recorded with no account in the audit log, since
 * whoever runs them holds the server's data directory), find accounts by {@code user} or {@code user@domain},
 * print one line of what they did or, with {@code --json}, one JSON object, and turn the core's refusals into one
 * line and exit code 1.
 */
final class ModerationCli {

    static final StaffAccess.Actor ACTOR = StaffAccess.Actor.SYSTEM;

    private ModerationCli() {}

    static Account account(App app, String handle) {
        String h = handle.startsWith("@") ? handle.substring(1) : handle;
        int at = h.indexOf('@');
        String user = at < 0 ? h : h.substring(0, at);
        String domain = at < 0 ? null : h.substring(at + 1);
        return app.core.accounts.byAcct(user, domain).orElseThrow(() -> new Atoll.CliException("no account " + handle, 1));
    }

    /** Runs {@code action} with the App, mapping core refusals to one-line errors. */
    static <T> T run(SettingsOptions options, Function<App, T> action) {
        try (App app = App.forCommand(options.load(Map.of()))) {
            return action.apply(app);
        } catch (NotFoundException e) {
            throw new Atoll.CliException("not found: " + e.getMessage(), 1);
        } catch (ValidationException | ForbiddenException e) {
            throw new Atoll.CliException(e.getMessage(), 1);
        }
    }

    /** Prints {@code line}, or {@code fields} as one JSON object when {@code json}. */
    static void print(App app, boolean json, String line, Map<String, ?> fields) {
        if (!json) {
            System.out.println(line);
            return;
        }
        try {
            System.out.println(app.infra.json.writeValueAsString(fields));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, Object> fields(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return m;
    }
}
