package social.atoll.federation.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import social.atoll.core.account.Account;
import social.atoll.core.status.Status;
import social.atoll.core.status.Visibility;
import social.atoll.federation.vocab.AsValues;
import social.atoll.federation.vocab.NoteReader;
import social.atoll.infra.http.FetchFailedException;

/**
 * {@code Announce} (a boost) of a post. Only public or unlisted posts can be boosted. A post this server has not
 * seen is fetched from its id — never taken from the Announce, whose actor is not its author — and must be
 * attributed to an account on its own host. Boosts by accounts nobody here follows, of posts by others, are dropped.
 */
final class AnnounceHandler implements ActivityHandler {

    private final InboxServices s;

    AnnounceHandler(InboxServices s) { this.s = s; }

    @Override
    public void handle(InboundActivity a) throws FetchFailedException {
        String objectId = a.objectId();
        if (objectId == null) return;
        Account booster = a.actor();
        Status original = s.remoteStatuses().byUri(objectId).orElse(null);
        if (original == null) {
            if (!s.followStore().hasLocalFollowers(booster.id())) return;
            JsonNode obj = s.fetch(objectId).orElse(null);
            if (obj == null || !NoteReader.isNote(obj)) return;
            String authorUri = AsValues.id(obj, "attributedTo");
            if (!AsValues.sameOrigin(authorUri, objectId)) return;
            Account author = s.account(authorUri).orElse(null);
            if (author == null || author.local()) return;
            original = s.remoteStatuses().create(s.notes().parse(obj, author, null));
        } else if (!original.local() && !s.followStore().hasLocalFollowers(booster.id())) {
            return;
        }
        if (original.isReblog()) return;
        Visibility ov = original.visibilityEnum();
        if (ov != Visibility.PUBLIC && ov != Visibility.UNLISTED) return;
        s.remoteStatuses().reblog(booster.id(), original, a.id() != null ? a.id() : booster.uri() + "#announces/" + original.id(),
                visibility(a.json()), AsValues.instant(a.json(), "published"));
    }

    private static Visibility visibility(JsonNode activity) {
        List<String> to = AsValues.ids(activity.get("to"));
        List<String> cc = AsValues.ids(activity.get("cc"));
        if (to.stream().anyMatch(AsValues::isPublic)) return Visibility.PUBLIC;
        if (cc.stream().anyMatch(AsValues::isPublic)) return Visibility.UNLISTED;
        return Visibility.PRIVATE;
    }
}
