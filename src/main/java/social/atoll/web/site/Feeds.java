package social.atoll.web.site;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import social.atoll.api.entity.AccountEntity;
import social.atoll.api.entity.AccountViews;
import social.atoll.api.entity.MediaAttachmentEntity;
import social.atoll.api.entity.StatusEntity;
import social.atoll.api.entity.StatusViews;
import social.atoll.config.Settings;
import social.atoll.core.account.Account;
import social.atoll.core.common.IdRange;
import social.atoll.core.common.Paged;
import social.atoll.core.media.MediaAttachment;
import social.atoll.core.media.MediaService;
import social.atoll.core.status.AccountStatusFilter;
import social.atoll.core.status.Status;
import social.atoll.core.status.StatusQueries;
import social.atoll.core.status.Visibility;
import social.atoll.core.tag.Tag;
import social.atoll.core.tag.TagService;
import social.atoll.core.tag.TagTimeline;

/**
 * RSS 2.0 feeds of public posts, as Mastodon serves them: an account's ({@code /@alice.rss}, its own posts without
 * replies or boosts), a hashtag's ({@code /tags/cats.rss}) and a collection's ({@code /@alice/collections/123.rss},
 * its posts in the owner's order). Only public posts, read as a visitor would: the
 * core's visibility rule decides, then anything not {@code public} is left out. Media come as enclosures (the first)
 * and Media RSS {@code media:content} (all), with their alt text.
 */
public final class Feeds {

    private static final int SIZE = 20;
    private static final DateTimeFormatter RFC_822 = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    private final Settings settings;
    private final AccountViews accountViews;
    private final StatusQueries statuses;
    private final StatusViews views;
    private final MediaService media;
    private final TagService tags;
    private final TagTimeline tagTimeline;

    public Feeds(Settings settings, AccountViews accountViews, StatusQueries statuses, StatusViews views, MediaService media, TagService tags,
                 TagTimeline tagTimeline) {
        this.settings = settings;
        this.accountViews = accountViews;
        this.statuses = statuses;
        this.views = views;
        this.media = media;
        this.tags = tags;
        this.tagTimeline = tagTimeline;
    }

    /** {@code /@alice.rss}. A suspended account has an empty feed. */
    public void account(Context ctx, Account a) {
        AccountEntity e = accountViews.render(a);
        List<Status> list = a.suspended() ? List.of()
                : statuses.byAccount(null, a.id(), new AccountStatusFilter(false, true, true, false, null), new IdRange(null, null, null, SIZE))
                        .orElse(Paged.empty()).items();
        String name = e.displayName() == null || e.displayName().isBlank() ? e.username() : e.displayName();
        send(ctx, name + " (@" + a.username() + "@" + settings.domain() + ")", settings.url("/@" + a.username()),
                Text.plain(e.note(), 500), e.avatar(), list);
    }

    /** {@code /tags/cats.rss}: 404 for a tag nobody used. */
    public void tag(Context ctx, String name) {
        Tag tag = tags.byName(name).orElseThrow(() -> new social.atoll.core.common.NotFoundException("tag"));
        var slice = tagTimeline.page(null, new TagTimeline.Query(List.of(tag.id()), List.of(), List.of(), false, false, false),
                new IdRange(null, null, null, SIZE));
        send(ctx, "#" + tag.name(), settings.url("/tags/" + ProfilePages.encode(tag.name()).replace("+", "%20")),
                "Public posts tagged #" + tag.name(), null, slice.statuses());
    }

    /**
     * {@code /@alice/collections/123.rss}: {@code seen} is the collection as a visitor sees it (the caller asked the
     * collection service with no reader), so a private collection has no feed and only its public posts show, in the
     * owner's order. The build date is the collection's last change: a reorder or a new post is news to a reader.
     */
    public void collection(Context ctx, social.atoll.core.collection.CollectionService.Seen seen) {
        var c = seen.collection();
        AccountEntity e = accountViews.render(seen.owner());
        String name = e.displayName() == null || e.displayName().isBlank() ? e.username() : e.displayName();
        String link = settings.url("/@" + seen.owner().acct() + "/collections/" + c.id());
        send(ctx, c.title() + " (" + name + ")", link, c.description().isBlank() ? c.title() : c.description(), e.avatar(),
                seen.items(), c.updatedAt());
    }

    private void send(Context ctx, String title, String link, String description, String image, List<Status> found) {
        send(ctx, title, link, description, image, found, null);
    }

    private void send(Context ctx, String title, String link, String description, String image, List<Status> found,
                      java.time.Instant built) {
        List<Status> posts = found.stream().filter(s -> s.visibilityEnum() == Visibility.PUBLIC && !s.isReblog()).toList();
        List<StatusEntity> entities = views.renderAll(posts, null);
        Map<Long, MediaAttachment> files = files(posts);
        StringBuilder x = new StringBuilder(8192);
        x.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<rss version=\"2.0\" xmlns:webfeeds=\"http://webfeeds.org/rss/1.0\" xmlns:media=\"http://search.yahoo.com/mrss/\">\n<channel>\n");
        el(x, "title", title);
        el(x, "description", description == null ? title : description);
        el(x, "link", link);
        if (image != null) {
            x.append("<image>");
            el(x, "url", image);
            el(x, "title", title);
            el(x, "link", link);
            x.append("</image>\n");
            el(x, "webfeeds:icon", image);
        }
        if (built != null) el(x, "lastBuildDate", RFC_822.format(built));
        else if (!posts.isEmpty()) el(x, "lastBuildDate", RFC_822.format(posts.get(0).createdAt()));
        el(x, "generator", "Atoll");
        for (int i = 0; i < entities.size(); i++) item(x, entities.get(i), posts.get(i), files);
        x.append("</channel>\n</rss>\n");
        ctx.header("Cache-Control", "public, max-age=300").contentType("application/rss+xml; charset=utf-8").result(x.toString());
    }

    private void item(StringBuilder x, StatusEntity e, Status s, Map<Long, MediaAttachment> files) {
        String url = settings.url("/@" + e.account().acct() + "/" + e.id());
        x.append("<item>\n");
        el(x, "guid", url, " isPermaLink=\"true\"");
        el(x, "link", url);
        el(x, "pubDate", RFC_822.format(s.createdAt()));
        String body = e.content() == null ? "" : e.content();
        if (e.spoilerText() != null && !e.spoilerText().isBlank()) body = "<p><strong>" + escape(e.spoilerText()) + "</strong></p>" + body;
        el(x, "description", body);
        List<MediaAttachmentEntity> attached = new ArrayList<>();
        for (Object o : e.mediaAttachments() == null ? List.of() : e.mediaAttachments())
            if (o instanceof MediaAttachmentEntity m && m.url() != null) attached.add(m);
        for (int i = 0; i < attached.size(); i++) {
            MediaAttachmentEntity m = attached.get(i);
            MediaAttachment file = files.get(Long.parseLong(m.id()));
            String type = file != null && file.contentType() != null ? file.contentType() : mime(m.type());
            long length = file != null && file.fileSize() != null ? file.fileSize() : 0;
            if (i == 0)
                x.append("<enclosure url=\"").append(escape(m.url())).append("\" length=\"").append(length).append("\" type=\"")
                        .append(escape(type)).append("\"/>\n");
            x.append("<media:content url=\"").append(escape(m.url())).append("\" type=\"").append(escape(type)).append("\" fileSize=\"")
                    .append(length).append("\" medium=\"").append(medium(m.type())).append("\">");
            x.append("<media:rating scheme=\"urn:simple\">").append(e.sensitive() ? "adult" : "nonadult").append("</media:rating>");
            if (m.description() != null && !m.description().isBlank())
                x.append("<media:description type=\"plain\">").append(escape(m.description())).append("</media:description>");
            x.append("</media:content>\n");
        }
        for (var t : e.tags() == null ? List.<StatusEntity.Tag>of() : e.tags()) el(x, "category", t.name());
        x.append("</item>\n");
    }

    private Map<Long, MediaAttachment> files(Collection<Status> posts) {
        List<Long> ids = posts.stream().map(Status::id).toList();
        if (ids.isEmpty()) return Map.of();
        return media.byStatusIds(ids).values().stream().flatMap(List::stream)
                .collect(Collectors.toMap(MediaAttachment::id, m -> m, (a, b) -> a));
    }

    private static String medium(String type) {
        return switch (type == null ? "" : type) {
            case "image" -> "image";
            case "video", "gifv" -> "video";
            case "audio" -> "audio";
            default -> "document";
        };
    }

    private static String mime(String type) {
        return switch (type == null ? "" : type) {
            case "image" -> "image/jpeg";
            case "video", "gifv" -> "video/mp4";
            case "audio" -> "audio/mpeg";
            default -> "application/octet-stream";
        };
    }

    private static void el(StringBuilder x, String name, String text) { el(x, name, text, ""); }

    private static void el(StringBuilder x, String name, String text, String attrs) {
        x.append('<').append(name).append(attrs).append('>').append(escape(text)).append("</").append(name).append(">\n");
    }

    /** XML text and attribute escaping; characters XML 1.0 forbids are dropped. */
    static String escape(String s) {
        if (s == null) return "";
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                default -> {
                    if (c >= 0x20 || c == '\n' || c == '\t' || c == '\r') b.append(c);
                }
            }
        }
        return b.toString();
    }
}
