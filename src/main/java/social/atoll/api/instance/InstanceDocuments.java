package social.atoll.api.instance;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import social.atoll.Version;
import social.atoll.api.entity.AccountEntity;
import social.atoll.api.entity.AccountViews;
import social.atoll.config.Settings;
import social.atoll.core.account.Account;
import social.atoll.core.account.ProfileLimits;
import social.atoll.core.instance.InstanceLimits;
import social.atoll.core.instance.InstanceService;
import social.atoll.core.instance.Rule;

/**
 * The Instance entity in its two shapes (v1, still read by toot, megalodon, Mastodon.py and as Tusky's fallback;
 * and v2), plus Rules. Built as ordered maps because a few keys ({@code @1x}) are not Java names. Both shapes carry
 * the same streaming origin and version, so a client gets the same answers whichever it reads.
 */
final class InstanceDocuments {

    static final List<String> LANGUAGES = List.of("en");

    private final Settings settings;
    private final InstanceService instance;
    private final AccountViews views;
    private final social.atoll.core.instance.Policies policies;
    /** The server's VAPID public key ({@code configuration.vapid.public_key}). */
    private final String vapidKey;
    /** Whether HEIC uploads are taken here (libheif's heif-convert is installed). */
    private final boolean heif;

    InstanceDocuments(Settings settings, InstanceService instance, social.atoll.core.instance.Policies policies, AccountViews views,
                      String vapidKey, boolean heif) {
        this.heif = heif;
        this.policies = policies;
        this.vapidKey = vapidKey;
        this.settings = settings;
        this.instance = instance;
        this.views = views;
    }

    Map<String, Object> v2() {
        InstanceService.Info info = instance.info();
        String thumbnail = settings.url(DefaultImages.THUMBNAIL_PATH);
        boolean open = instance.registrationsOpen();
        return map(
                "domain", settings.domain(),
                "title", info.title(),
                "version", Version.compatible(),
                "source_url", info.sourceUrl(),
                "description", info.shortDescription(),
                "usage", map("users", map("active_month", instance.usage().activeMonth())),
                "thumbnail", map("url", thumbnail, "blurhash", null,
                        "versions", map("@1x", thumbnail, "@2x", thumbnail)),
                "icon", List.of(
                        map("src", settings.url(DefaultImages.iconPath(DefaultImages.ICON_SMALL)), "size", DefaultImages.ICON_SMALL + "x" + DefaultImages.ICON_SMALL),
                        map("src", settings.url(DefaultImages.iconPath(DefaultImages.ICON_LARGE)), "size", DefaultImages.ICON_LARGE + "x" + DefaultImages.ICON_LARGE)),
                "languages", LANGUAGES,
                "configuration", map(
                        "urls", map("streaming", settings.streamingOrigin(), "status", null,
                                "about", settings.url("/about"), "privacy_policy", settings.url("/privacy-policy"),
                                "terms_of_service", policies.termsOfService().isPresent() ? settings.url("/terms") : null),
                        "accounts", map(
                                "max_featured_tags", InstanceLimits.MAX_FEATURED_TAGS,
                                "max_pinned_statuses", InstanceLimits.MAX_PINNED_STATUSES,
                                "max_display_name_length", ProfileLimits.MAX_DISPLAY_NAME,
                                "max_note_length", ProfileLimits.MAX_NOTE,
                                "max_profile_fields", ProfileLimits.MAX_FIELDS,
                                "profile_field_name_limit", ProfileLimits.MAX_FIELD_NAME,
                                "profile_field_value_limit", ProfileLimits.MAX_FIELD_VALUE),
                        "statuses", statuses(),
                        "media_attachments", media(true),
                        "polls", polls(),
                        "translation", map("enabled", false),
                        "vapid", map("public_key", vapidKey),
                        "limited_federation", false),
                "registrations", map(
                        "enabled", open,
                        "approval_required", instance.approvalRequired(),
                        "reason_required", false,
                        "message", open ? null : info.registrationsMessage(),
                        "min_age", null,
                        "url", null),
                "api_versions", map("mastodon", Version.MASTODON_API_LEVEL),
                "contact", map("email", info.contactEmail(), "account", contact().orElse(null)),
                "rules", rules());
    }

    Map<String, Object> v1() {
        InstanceService.Info info = instance.info();
        InstanceService.Usage usage = instance.usage();
        return map(
                "uri", settings.domain(),
                "title", info.title(),
                "short_description", info.shortDescription(),
                "description", info.extendedDescription().isEmpty() ? info.shortDescription() : info.extendedDescription(),
                "email", info.contactEmail(),
                "version", Version.compatible(),
                "urls", map("streaming_api", settings.streamingOrigin()),
                "stats", map("user_count", usage.users(), "status_count", usage.localPosts(), "domain_count", usage.domains()),
                "thumbnail", settings.url(DefaultImages.THUMBNAIL_PATH),
                "languages", LANGUAGES,
                "registrations", instance.registrationsOpen(),
                "approval_required", instance.approvalRequired(),
                // Mastodon: whether the everyone role may invite, which it may here
                "invites_enabled", true,
                "configuration", map(
                        "accounts", map("max_featured_tags", InstanceLimits.MAX_FEATURED_TAGS),
                        "statuses", statuses(),
                        "media_attachments", media(false),
                        "polls", polls()),
                "contact_account", contact().orElse(null),
                "rules", rules(),
                "api_versions", map("mastodon", Version.MASTODON_API_LEVEL));
    }

    List<Map<String, Object>> rules() {
        return instance.rules().stream().map(InstanceDocuments::rule).toList();
    }

    private static Map<String, Object> rule(Rule r) {
        return map("id", Long.toString(r.id()), "text", r.text(), "hint", r.hint() == null ? "" : r.hint(), "translations", Map.of());
    }

    private Map<String, Object> statuses() {
        return map("max_characters", settings.maxStatusChars(),
                "max_media_attachments", settings.maxMediaAttachments(),
                "characters_reserved_per_url", InstanceLimits.CHARACTERS_RESERVED_PER_URL);
    }

    private Map<String, Object> media(boolean withDescriptionLimit) {
        Map<String, Object> m = map("supported_mime_types", InstanceLimits.supportedMimeTypes(heif));
        if (withDescriptionLimit) m.put("description_limit", InstanceLimits.MEDIA_DESCRIPTION_LIMIT);
        m.put("image_size_limit", InstanceLimits.IMAGE_SIZE_LIMIT);
        m.put("image_matrix_limit", InstanceLimits.IMAGE_MATRIX_LIMIT);
        m.put("video_size_limit", InstanceLimits.VIDEO_SIZE_LIMIT);
        m.put("video_frame_rate_limit", InstanceLimits.VIDEO_FRAME_RATE_LIMIT);
        m.put("video_matrix_limit", InstanceLimits.VIDEO_MATRIX_LIMIT);
        return m;
    }

    private static Map<String, Object> polls() {
        return map("max_options", InstanceLimits.POLL_MAX_OPTIONS,
                "max_characters_per_option", InstanceLimits.POLL_MAX_CHARACTERS_PER_OPTION,
                "min_expiration", InstanceLimits.POLL_MIN_EXPIRATION,
                "max_expiration", InstanceLimits.POLL_MAX_EXPIRATION);
    }

    private Optional<AccountEntity> contact() {
        Optional<Account> a = instance.contactAccount();
        return a.map(views::render);
    }

    /** An ordered map from alternating keys and values (values may be null). */
    static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return m;
    }
}
