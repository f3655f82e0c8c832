package social.atoll.api.trends;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.List;
import social.atoll.api.entity.PreviewCardEntity;
import social.atoll.api.entity.PreviewCardViews;
import social.atoll.api.entity.StatusEntity;
import social.atoll.api.tags.TagViews;
import social.atoll.core.trends.TrendsService;

/** Trend entities: Mastodon's Trends::Link, and the admin variants of Tag, Status and Link with their review state. */
public final class TrendViews {

    /** Mastodon's {@code Trends::Link}: a PreviewCard with its daily shares. */
    public record LinkEntity(@JsonUnwrapped PreviewCardEntity card, List<LinkHistory> history) {}

    /** One day of a link's history; numbers as strings, the day as Unix seconds, as Mastodon sends them. */
    public record LinkHistory(String day, String accounts, String uses) {}

    /** {@code REST::Admin::TagSerializer}: the Tag entity with {@code trendable}, {@code usable}, {@code requires_review}, {@code listable}. */
    public record AdminTagEntity(@JsonUnwrapped TagViews.TagEntity tag, boolean trendable, boolean usable, boolean requiresReview,
                                 boolean listable) {}

    /** {@code REST::Admin::Trends::StatusSerializer}: the Status entity with {@code requires_review}. */
    public record AdminStatusEntity(@JsonUnwrapped StatusEntity status, boolean requiresReview) {}

    /** {@code REST::Admin::Trends::LinkSerializer}: the Trends::Link with the card's {@code id} and {@code requires_review}. */
    public record AdminLinkEntity(@JsonUnwrapped LinkEntity link, String id, boolean requiresReview) {}

    private final PreviewCardViews cards;

    public TrendViews(PreviewCardViews cards) { this.cards = cards; }

    public LinkEntity link(TrendsService.Link l) {
        List<LinkHistory> days = l.history().stream()
                .map(d -> new LinkHistory(Long.toString(d.day().getEpochSecond()), Long.toString(d.accounts()), Long.toString(d.uses()))).toList();
        return new LinkEntity(cards.entity(l.card()), days);
    }

    public AdminLinkEntity adminLink(TrendsService.Reviewed<TrendsService.Link> r) {
        return new AdminLinkEntity(link(r.item()), Long.toString(r.item().card().id()), r.requiresReview());
    }
}
