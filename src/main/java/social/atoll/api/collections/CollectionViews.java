package social.atoll.api.collections;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import social.atoll.api.entity.AccountEntity;
import social.atoll.api.entity.AccountViews;
import social.atoll.api.entity.Dates;
import social.atoll.api.entity.MediaAttachmentEntity;
import social.atoll.api.entity.StatusEntity;
import social.atoll.api.entity.StatusViews;
import social.atoll.config.Settings;
import social.atoll.core.collection.CollectionService;
import social.atoll.core.status.Status;

/** Collections as the API shows them (Pixelfed's entity); the thumbnails of a page of collections in one batch. */
public final class CollectionViews {

    private final Settings settings;
    private final AccountViews accounts;
    private final StatusViews statuses;

    public CollectionViews(Settings settings, AccountViews accounts, StatusViews statuses) {
        this.settings = settings;
        this.accounts = accounts;
        this.statuses = statuses;
    }

    public List<CollectionEntity> renderAll(List<CollectionService.Seen> list, Long viewerId) {
        if (list.isEmpty()) return List.of();
        // the first post of each (what the reader may see) gives the thumbnail: one rendering batch for all
        List<Status> firsts = new ArrayList<>();
        for (CollectionService.Seen s : list) if (!s.items().isEmpty()) firsts.add(s.items().get(0));
        Map<Long, String> thumbs = new HashMap<>();
        List<StatusEntity> rendered = statuses.renderAll(firsts, viewerId);
        for (int i = 0; i < firsts.size() && i < rendered.size(); i++) thumbs.put(firsts.get(i).id(), thumb(rendered.get(i)));
        AccountEntity owner = accounts.render(list.get(0).owner());
        List<CollectionEntity> out = new ArrayList<>();
        for (CollectionService.Seen s : list) {
            AccountEntity o = s.owner().id() == list.get(0).owner().id() ? owner : accounts.render(s.owner());
            String thumb = s.items().isEmpty() ? null : thumbs.get(s.items().get(0).id());
            var c = s.collection();
            out.add(new CollectionEntity(Long.toString(c.id()), Long.toString(c.accountId()), c.visibility(), c.title(), c.description(),
                    thumb == null ? settings.url("/headers/original/missing.png") : thumb,
                    settings.url("/@" + s.owner().acct() + "/collections/" + c.id()), Dates.datetime(c.updatedAt()),
                    Dates.datetime(c.createdAt()), o.avatar(), o.username(), s.items().size()));
        }
        return out;
    }

    private static String thumb(StatusEntity e) {
        for (Object m : e.mediaAttachments())
            if (m instanceof MediaAttachmentEntity a && a.previewUrl() != null) return a.previewUrl();
        return null;
    }
}
