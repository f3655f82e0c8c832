package social.atoll.web.compose;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import social.atoll.api.entity.MediaAttachmentEntity;
import social.atoll.api.entity.MediaViews;
import social.atoll.api.entity.PollEntity;
import social.atoll.api.entity.StatusEntity;
import social.atoll.api.entity.StatusViews;
import social.atoll.config.Settings;
import social.atoll.core.account.Account;
import social.atoll.core.circle.CircleService;
import social.atoll.core.emoji.CustomEmoji;
import social.atoll.core.emoji.CustomEmojiService;
import social.atoll.core.common.ForbiddenException;
import social.atoll.core.common.NotFoundException;
import social.atoll.core.common.ValidationException;
import social.atoll.core.instance.InstanceLimits;
import social.atoll.core.media.MediaAttachment;
import social.atoll.core.media.MediaService;
import social.atoll.core.media.MediaUpload;
import social.atoll.core.poll.NewPoll;
import social.atoll.core.search.SearchService;
import social.atoll.core.status.NewStatus;
import social.atoll.core.status.PostStatusService;
import social.atoll.core.status.Status;
import social.atoll.core.status.StatusAttachments;
import social.atoll.core.status.StatusEditService;
import social.atoll.core.status.StatusQueries;
import social.atoll.core.status.StatusService;
import social.atoll.core.status.StatusUpdate;
import social.atoll.core.status.Visibility;
import social.atoll.core.tag.TagService;
import social.atoll.server.Controller;
import social.atoll.web.BrowserSessions;
import social.atoll.web.Pages;
import social.atoll.web.SignInForm;
import social.atoll.web.WebPage;
import social.atoll.web.view.ComposeView;
import social.atoll.web.view.StatusCard;

/**
 * The composer: {@code /compose} (new post, reply with {@code ?in_reply_to=}), {@code /compose/inline} (the small
 * form at the top of the home timeline, loaded by htmx), {@code /statuses/{id}/edit}, uploads for the form
 * ({@code POST /web/media}, answering a preview with alt text and focal point fields) and autocomplete suggestions
 * ({@code GET /web/compose/suggest}, JSON, signed in by the page's cookie so no token ever reaches a page).
 *
 * <p>Posting goes through {@link PostStatusService} and editing through {@link StatusEditService}, the services the
 * API uses, so every rule (length, poll, media, visibility) is the API's. Without JavaScript the files picked are
 * uploaded with the form itself; "Attach" shows them back with their alt text fields before posting.
 */
public final class ComposePages implements Controller {

    /** Poll durations offered, in seconds (Mastodon's web app offers the same). */
    private static final long[] DURATIONS = {300, 1800, 3600, 21600, 86400, 259200, 604800};
    private static final long DEFAULT_DURATION = 86400;
    /** The value of a circle in the visibility select. */
    static final String CIRCLE_PREFIX = "circle:";
    /** Languages offered first in the picker; the poster's default is added when it is not among them. */
    private static final List<String> LANGUAGES = List.of("ar", "ca", "cs", "cy", "da", "de", "el", "en", "eo", "es", "eu", "fa",
            "fi", "fr", "ga", "gl", "he", "hi", "hu", "id", "is", "it", "ja", "ko", "lt", "lv", "ms", "nl", "no", "pl", "pt", "ro",
            "ru", "sk", "sl", "sr", "sv", "th", "tr", "uk", "vi", "zh");

    private final Settings settings;
    private final BrowserSessions sessions;
    private final Pages pages;
    private final PostStatusService posting;
    private final StatusEditService edits;
    private final StatusService statusService;
    private final StatusQueries statuses;
    private final StatusViews views;
    private final MediaService media;
    private final MediaViews mediaViews;
    private final SearchService search;
    private final TagService tags;
    private final CircleService circles;
    private final CustomEmojiService emoji;
    private final social.atoll.core.interaction.InteractionPolicies interactions;

    public ComposePages(Settings settings, BrowserSessions sessions, Pages pages, PostStatusService posting, StatusEditService edits,
                        StatusService statusService, StatusQueries statuses, StatusViews views, MediaService media, MediaViews mediaViews,
                        SearchService search, TagService tags, CircleService circles, CustomEmojiService emoji,
                        social.atoll.core.interaction.InteractionPolicies interactions) {
        this.interactions = interactions;
        this.circles = circles;
        this.emoji = emoji;
        this.settings = settings;
        this.sessions = sessions;
        this.pages = pages;
        this.posting = posting;
        this.edits = edits;
        this.statusService = statusService;
        this.statuses = statuses;
        this.views = views;
        this.media = media;
        this.mediaViews = mediaViews;
        this.search = search;
        this.tags = tags;
    }

    @Override
    public void routes(RoutesConfig r) {
        r.get("/compose", this::newForm);
        r.get("/compose/inline", this::inlineForm);
        r.post("/compose", this::post);
        r.get("/statuses/{id}/edit", this::editForm);
        r.post("/statuses/{id}/edit", this::edit);
        r.post("/web/media", this::upload);
        r.get("/web/compose/suggest", this::suggest);
    }

    /** What the form sent, kept as typed so that a refusal shows it back. */
    private record Form(String text, String spoiler, String visibility, String language, boolean sensitive, String scheduledAt,
                        String timezone, String inReplyToId, List<String> pollOptions, long pollExpiresIn, boolean pollMultiple,
                        List<String> mediaIds, Map<String, String> descriptions, Map<String, String> focus, String returnTo,
                        boolean localOnly, String quotedId, ComposeView.Interactions interactions) {}

    private void newForm(Context ctx) {
        var me = sessions.requireSignedIn(ctx);
        if (me.isEmpty()) return;
        long viewer = me.get().account().id();
        StatusCard replyTo = null;
        String text = "";
        String visibility = defaultVisibility(me.get());
        String spoiler = "";
        boolean replyLocalOnly = false;
        Long replyId = id(ctx.queryParam("in_reply_to"));
        if (replyId != null) {
            Optional<Status> target = statuses.visibleById(viewer, replyId);
            if (target.isEmpty()) {
                pages.message(ctx, 404, t("compose.reply_gone_title"), t("compose.reply_gone"), null);
                return;
            }
            StatusEntity e = views.render(target.get(), viewer);
            replyTo = card(e, viewer);
            text = mentions(e, me.get().account());
            spoiler = e.spoilerText() == null ? "" : e.spoilerText();
            // a reply is never more public than what it answers (Mastodon's composer does the same)
            visibility = narrower(visibility, e.visibility());
            // answering one's own circle post keeps the thread in that circle
            if (e.circle() != null) visibility = CIRCLE_PREFIX + e.circle().id();
            replyLocalOnly = e.localOnly();
        }
        Long quoteId = id(ctx.queryParam("quote"));
        if (quoteId != null && statuses.visibleById(viewer, quoteId).isEmpty()) {
            pages.message(ctx, 404, t("compose.reply_gone_title"), t("compose.error_quote"), null);
            return;
        }
        Form f = new Form(text, spoiler, visibility, me.get().user().defaultLanguage(), me.get().user().defaultSensitive(), "", "UTC",
                replyId == null ? "" : replyId.toString(), blankOptions(), DEFAULT_DURATION, false, List.of(), Map.of(), Map.of(), null,
                replyLocalOnly, quoteId == null ? "" : quoteId.toString(), ComposeView.Interactions.NONE);
        show(ctx, 200, f, null, replyTo, false, false);
    }

    private void inlineForm(Context ctx) {
        var me = sessions.current(ctx);
        if (me.isEmpty()) {
            ctx.status(401).result("");
            return;
        }
        Form f = new Form("", "", defaultVisibility(me.get()), me.get().user().defaultLanguage(), me.get().user().defaultSensitive(), "",
                "UTC", "", blankOptions(), DEFAULT_DURATION, false, List.of(), Map.of(), Map.of(), "/home", false, "", ComposeView.Interactions.NONE);
        WebPage page = pages.page(ctx, null, "home");
        ctx.header("Cache-Control", "private, no-store").contentType("text/html; charset=utf-8")
                .result(pages.fragment("app/compose_form.jte", page, view(f, null, null, false, true, circleChoices(me.get().account().id()))));
    }

    private void post(Context ctx) {
        var me = sessions.requireSignedIn(ctx);
        if (me.isEmpty()) return;
        if (!sessions.csrfValid(ctx)) {
            refuseCsrf(ctx);
            return;
        }
        long accountId = me.get().account().id();
        Form f = read(ctx);
        StatusCard replyTo = replyCard(f, accountId);
        try {
            f = withUploads(ctx, f, accountId);
            if (ctx.formParam("attach") != null) {
                show(ctx, 200, f, null, replyTo, false, false);
                return;
            }
            describe(accountId, f);
            NewPoll poll = poll(f);
            Instant at = scheduledAt(f);
            Long reply = id(f.inReplyToId());
            // a circle is one more choice of the visibility select: "circle:<id>"
            Long circle = f.visibility().startsWith(CIRCLE_PREFIX) ? id(f.visibility().substring(CIRCLE_PREFIX.length())) : null;
            if (f.visibility().startsWith(CIRCLE_PREFIX) && circle == null) throw new NotFoundException("circle");
            Visibility vis = circle != null ? Visibility.LIMITED : Visibility.parseRequested(f.visibility()).orElse(null);
            var posted = posting.post(accountId, new NewStatus(f.text(), f.spoiler(), f.sensitive(), vis, reply, blankToNull(f.language()),
                    poll, f.mediaIds(), at, null, null, circle, f.localOnly() ? Boolean.TRUE : null, id(f.quotedId()), null,
                    // the composer's simple choices of who may reply, boost, favourite (null: the account's default)
                    interactions.fromPreset(accountId, vis != null ? vis : Visibility.PUBLIC, f.interactions().reply(),
                            f.interactions().boost(), f.interactions().like())));
            switch (posted) {
                case PostStatusService.Published p -> ctx.redirect(f.returnTo() != null ? f.returnTo() : permalink(p.status(), me.get().account()),
                        io.javalin.http.HttpStatus.SEE_OTHER);
                case PostStatusService.Scheduled s -> ctx.redirect(f.returnTo() != null ? f.returnTo() : "/home", io.javalin.http.HttpStatus.SEE_OTHER);
            }
        } catch (ValidationException e) {
            show(ctx, 422, f, e.getMessage(), replyTo, false, f.returnTo() != null);
        } catch (NotFoundException e) {
            boolean quote = "quoted status".equals(e.getMessage());
            show(ctx, 422, f, t(quote ? "compose.error_quote" : "compose.error_not_found"), replyTo, false, f.returnTo() != null);
        }
    }

    private void editForm(Context ctx) {
        var me = sessions.requireSignedIn(ctx);
        if (me.isEmpty()) return;
        long accountId = me.get().account().id();
        Optional<Status> own = own(accountId, ctx.pathParam("id"));
        if (own.isEmpty()) {
            notFound(ctx);
            return;
        }
        Status s = own.get();
        StatusEntity e = views.render(s, accountId);
        List<String> ids = new ArrayList<>();
        Map<String, String> descriptions = new LinkedHashMap<>();
        Map<String, String> focus = new LinkedHashMap<>();
        if (e.mediaAttachments() != null) {
            for (Object o : e.mediaAttachments()) {
                if (!(o instanceof MediaAttachmentEntity m)) continue;
                ids.add(m.id());
                descriptions.put(m.id(), m.description() == null ? "" : m.description());
                focus.put(m.id(), focusOf(m));
            }
        }
        List<String> options = blankOptions();
        boolean multiple = false;
        if (e.poll() instanceof PollEntity p) {
            options = new ArrayList<>(options);
            for (int i = 0; i < p.options().size() && i < options.size(); i++) options.set(i, p.options().get(i).title());
            multiple = p.multiple();
        }
        Form f = new Form(s.text() == null ? "" : s.text(), s.spoilerText() == null ? "" : s.spoilerText(), e.visibility(),
                s.language(), s.sensitive(), "", "UTC", "", options, DEFAULT_DURATION, multiple, ids, descriptions, focus, null, s.localOnly(), "",
                ComposeView.Interactions.NONE);
        show(ctx, 200, f, null, null, true, false, s.id());
    }

    private void edit(Context ctx) {
        var me = sessions.requireSignedIn(ctx);
        if (me.isEmpty()) return;
        if (!sessions.csrfValid(ctx)) {
            refuseCsrf(ctx);
            return;
        }
        long accountId = me.get().account().id();
        Optional<Status> own = own(accountId, ctx.pathParam("id"));
        if (own.isEmpty()) {
            notFound(ctx);
            return;
        }
        Form f = read(ctx);
        try {
            f = withUploads(ctx, f, accountId);
            if (ctx.formParam("attach") != null) {
                show(ctx, 200, f, null, null, true, false, own.get().id());
                return;
            }
            List<StatusAttachments.MediaChange> changes = new ArrayList<>();
            for (String mid : f.mediaIds()) {
                Long n = id(mid);
                if (n != null) changes.add(new StatusAttachments.MediaChange(n, f.descriptions().get(mid), blankToNull(f.focus().get(mid))));
            }
            Status edited = edits.edit(accountId, own.get().id(), new StatusUpdate(f.text(), f.spoiler(), f.sensitive(),
                    blankToNull(f.language()), poll(f), f.mediaIds(), changes));
            ctx.redirect(permalink(edited, me.get().account()), io.javalin.http.HttpStatus.SEE_OTHER);
        } catch (ValidationException e) {
            show(ctx, 422, f, e.getMessage(), null, true, false, own.get().id());
        } catch (NotFoundException | ForbiddenException e) {
            show(ctx, 422, f, t("compose.error_not_found"), null, true, false, own.get().id());
        }
    }

    /**
     * {@code POST /web/media}: one file from the composer's script (picked, dropped or pasted), through the media
     * service the API's {@code POST /api/v2/media} uses; answers the form fragment for it, or a message and 422.
     */
    private void upload(Context ctx) {
        var me = sessions.current(ctx);
        if (me.isEmpty()) {
            ctx.status(401).contentType("text/plain; charset=utf-8").result(t("compose.signed_out"));
            return;
        }
        if (!sessions.csrfValid(ctx)) {
            ctx.status(403).contentType("text/plain; charset=utf-8").result(t("compose.csrf"));
            return;
        }
        long accountId = me.get().account().id();
        try (WebUploads uploads = new WebUploads()) {
            MediaUpload file = uploads.of(ctx.uploadedFile("file"));
            if (file == null) throw new ValidationException("File can't be blank");
            MediaAttachment m = media.upload(accountId, file, null, ctx.formParam("description"), ctx.formParam("focus"),
                    ctx.formParam("filter_name"), false);
            ComposeView.Attachment a = attachment(mediaViews.render(m), "", "0.0,0.0");
            WebPage page = pages.fragmentPage(ctx);
            ctx.header("Cache-Control", "private, no-store").contentType("text/html; charset=utf-8")
                    .result(pages.fragment("partials/compose_media.jte", page, new ComposeMediaItem(a, limits())));
        } catch (ValidationException e) {
            ctx.status(422).contentType("text/plain; charset=utf-8").result(e.getMessage());
        }
    }

    /** One attachment of the form with the limits its fields need: the model of {@code partials/compose_media.jte}. */
    public record ComposeMediaItem(ComposeView.Attachment media, ComposeView.Limits limits) {}

    /**
     * {@code GET /web/compose/suggest?q=@al}: accounts for {@code @}, hashtags for {@code #} (through the search
     * services the API's search uses), and for {@code :} this server's custom emoji that the picker shows (those
     * {@code /api/v1/custom_emojis} lists as {@code visible_in_picker}), shortcodes starting with the text first.
     */
    private void suggest(Context ctx) {
        var me = sessions.current(ctx);
        if (me.isEmpty()) {
            ctx.status(401).json(Map.of("error", "This method requires an authenticated user"));
            return;
        }
        String q = ctx.queryParam("q");
        List<Map<String, String>> out = new ArrayList<>();
        if (q != null && q.length() >= 2) {
            String rest = q.substring(1);
            switch (q.charAt(0)) {
                case '@' -> {
                    for (Account a : search.accounts(me.get().account().id(), new SearchService.AccountQuery(rest, false, 0, 8))) {
                        String acct = a.domain() == null ? a.username() : a.username() + "@" + a.domain();
                        String name = a.displayName() == null || a.displayName().isBlank() ? a.username() : a.displayName();
                        out.add(Map.of("value", "@" + acct, "label", name + " @" + acct));
                    }
                }
                case '#' -> {
                    for (var tag : tags.search(rest, 0, 8)) out.add(Map.of("value", "#" + tag.name(), "label", "#" + tag.name()));
                }
                case ':' -> {
                    String part = rest.toLowerCase(java.util.Locale.ROOT);
                    emoji.picker().stream().filter(e -> e.shortcode().toLowerCase(java.util.Locale.ROOT).contains(part))
                            .sorted(java.util.Comparator.comparing((CustomEmoji e) -> !e.shortcode().toLowerCase(java.util.Locale.ROOT).startsWith(part))
                                    .thenComparing(CustomEmoji::shortcode))
                            .limit(8).forEach(e -> out.add(Map.of("value", e.colons(), "label", e.colons())));
                }
                default -> { }
            }
        }
        ctx.header("Cache-Control", "private, no-store").json(out);
    }

    // --- reading the form ---

    private Form read(Context ctx) {
        List<String> options = new ArrayList<>(ctx.formParams("poll_options"));
        while (options.size() < InstanceLimits.POLL_MAX_OPTIONS) options.add("");
        if (options.size() > InstanceLimits.POLL_MAX_OPTIONS) options = options.subList(0, InstanceLimits.POLL_MAX_OPTIONS);
        List<String> ids = new ArrayList<>(new LinkedHashSet<>(ctx.formParams("media_ids")));
        Map<String, String> descriptions = new LinkedHashMap<>();
        Map<String, String> focus = new LinkedHashMap<>();
        for (String id : ids) {
            descriptions.put(id, nz(ctx.formParam("description_" + id)));
            focus.put(id, nz(ctx.formParam("focus_" + id)));
        }
        long duration = DEFAULT_DURATION;
        try {
            duration = Long.parseLong(nz(ctx.formParam("poll_expires_in")).trim());
        } catch (NumberFormatException ignored) {
            // the default duration; the select offers only numbers
        }
        String returnTo = ctx.formParam("return_to");
        return new Form(nz(ctx.formParam("status")), nz(ctx.formParam("spoiler_text")), nz(ctx.formParam("visibility")),
                nz(ctx.formParam("language")), ctx.formParam("sensitive") != null, nz(ctx.formParam("scheduled_at")),
                nz(ctx.formParam("timezone")), nz(ctx.formParam("in_reply_to_id")), options, duration,
                ctx.formParam("poll_multiple") != null, ids, descriptions, focus, SignInForm.safeReturnTo(returnTo) ? returnTo : null,
                ctx.formParam("local_only") != null, nz(ctx.formParam("quoted_status_id")),
                new ComposeView.Interactions(nz(ctx.formParam("interaction_reply")), nz(ctx.formParam("interaction_boost")),
                        nz(ctx.formParam("interaction_like"))));
    }

    /** The form with the files sent along with it (no JavaScript) uploaded and added to its media. */
    private Form withUploads(Context ctx, Form f, long accountId) {
        List<UploadedFile> files = multipart(ctx) ? ctx.uploadedFiles("files") : List.of();
        if (files.isEmpty()) return f;
        List<String> ids = new ArrayList<>(f.mediaIds());
        Map<String, String> descriptions = new LinkedHashMap<>(f.descriptions());
        Map<String, String> focus = new LinkedHashMap<>(f.focus());
        try (WebUploads uploads = new WebUploads()) {
            for (UploadedFile u : files) {
                MediaUpload up = uploads.of(u);
                if (up == null) continue;
                if (ids.size() >= settings.maxMediaAttachments())
                    throw ValidationException.bare("Cannot attach more than " + settings.maxMediaAttachments() + " files.");
                MediaAttachment m = media.upload(accountId, up, null, null, null, false);
                String id = Long.toString(m.id());
                ids.add(id);
                descriptions.put(id, "");
                focus.put(id, "");
            }
        }
        return new Form(f.text(), f.spoiler(), f.visibility(), f.language(), f.sensitive(), f.scheduledAt(), f.timezone(), f.inReplyToId(),
                f.pollOptions(), f.pollExpiresIn(), f.pollMultiple(), ids, descriptions, focus, f.returnTo(), f.localOnly(), f.quotedId(),
                f.interactions());
    }

    /** Alt text and focal point of each new upload, set as a Mastodon client sets them ({@code PUT /api/v1/media/:id}). */
    private void describe(long accountId, Form f) {
        for (String mid : f.mediaIds()) {
            Long n = id(mid);
            if (n == null) throw new ValidationException("Media ids are invalid");
            String description = f.descriptions().get(mid);
            String focus = blankToNull(f.focus().get(mid));
            if ((description != null && !description.isEmpty()) || focus != null) media.update(accountId, n, description, focus, null);
        }
    }

    private static NewPoll poll(Form f) {
        List<String> options = f.pollOptions().stream().map(String::strip).filter(o -> !o.isEmpty()).toList();
        return options.isEmpty() ? null : new NewPoll(options, f.pollExpiresIn(), f.pollMultiple(), false);
    }

    /** A {@code datetime-local} value read in the browser's time zone (which the script fills in; UTC without it). */
    private static Instant scheduledAt(Form f) {
        if (f.scheduledAt().isBlank()) return null;
        try {
            ZoneId zone = f.timezone().isBlank() ? ZoneId.of("UTC") : ZoneId.of(f.timezone());
            return LocalDateTime.parse(f.scheduledAt().strip()).atZone(zone).toInstant();
        } catch (DateTimeException e) {
            throw new ValidationException("Scheduled at is invalid");
        }
    }

    private static boolean multipart(Context ctx) {
        String type = ctx.contentType();
        return type != null && type.startsWith("multipart/form-data");
    }

    // --- showing the form ---

    private void show(Context ctx, int status, Form f, String error, StatusCard replyTo, boolean editing, boolean compact) {
        show(ctx, status, f, error, replyTo, editing, compact, 0);
    }

    private void show(Context ctx, int status, Form f, String error, StatusCard replyTo, boolean editing, boolean compact, long editId) {
        String title = t(editing ? "compose.edit_title" : replyTo != null ? "compose.reply_title" : "compose.title");
        WebPage page = pages.page(ctx, title, "compose");
        ComposeView v = view(f, error, replyTo, editing, false,
                sessions.current(ctx).map(me -> circleChoices(me.account().id())).orElse(List.of()));
        if (!editing && !f.quotedId().isEmpty()) v = withQuote(v, sessions.current(ctx).map(me -> quotedCard(f, me.account().id())).orElse(null));
        if (editing) v = withAction(v, "/statuses/" + editId + "/edit");
        pages.render(ctx, status, "app/compose.jte", page, v);
    }

    /** The poster's circles as choices of the visibility select. */
    private List<ComposeView.Choice> circleChoices(long accountId) {
        return circles.all(accountId).stream().map(c -> new ComposeView.Choice(CIRCLE_PREFIX + c.id(), c.title())).toList();
    }

    private ComposeView view(Form f, String error, StatusCard replyTo, boolean editing, boolean compact, List<ComposeView.Choice> circleChoices) {
        List<ComposeView.Attachment> attached = new ArrayList<>();
        List<Long> ids = f.mediaIds().stream().map(ComposePages::id).filter(java.util.Objects::nonNull).toList();
        Map<Long, Object> rendered = ids.isEmpty() ? Map.of() : mediaViews.byIds(ids);
        for (Long id : ids) {
            if (rendered.get(id) instanceof MediaAttachmentEntity m)
                attached.add(attachment(m, f.descriptions().getOrDefault(m.id(), ""), f.focus().getOrDefault(m.id(), "")));
        }
        String lang = f.language() == null || f.language().isBlank() ? "en" : f.language();
        List<ComposeView.Choice> languages = new ArrayList<>();
        if (!LANGUAGES.contains(lang)) languages.add(new ComposeView.Choice(lang, languageName(lang)));
        for (String l : LANGUAGES) languages.add(new ComposeView.Choice(l, languageName(l)));
        List<ComposeView.Choice> durations = new ArrayList<>();
        for (long d : DURATIONS) durations.add(new ComposeView.Choice(Long.toString(d), duration(d)));
        return new ComposeView("/compose", editing, compact, error, replyTo, f.inReplyToId(), f.text(), f.spoiler(),
                f.visibility().isBlank() ? "public" : f.visibility(), lang, f.sensitive(), f.scheduledAt(), f.pollOptions(),
                f.pollExpiresIn(), f.pollMultiple(), attached, languages, durations, limits(), circleChoices, f.localOnly(), null,
                f.quotedId(), f.interactions());
    }

    private static ComposeView withQuote(ComposeView v, StatusCard quoting) {
        return new ComposeView(v.action(), v.editing(), v.compact(), v.error(), v.replyTo(), v.inReplyToId(), v.text(), v.spoilerText(),
                v.visibility(), v.language(), v.sensitive(), v.scheduledAt(), v.pollOptions(), v.pollExpiresIn(), v.pollMultiple(),
                v.media(), v.languages(), v.durations(), v.limits(), v.circles(), v.localOnly(), quoting, v.quotedStatusId(),
                v.interactions());
    }

    private StatusCard quotedCard(Form f, long viewer) {
        Long id = id(f.quotedId());
        if (id == null) return null;
        return statuses.visibleById(viewer, id).map(s -> card(views.render(s, viewer), viewer)).orElse(null);
    }

    private static ComposeView withAction(ComposeView v, String action) {
        return new ComposeView(action, v.editing(), v.compact(), v.error(), v.replyTo(), v.inReplyToId(), v.text(), v.spoilerText(),
                v.visibility(), v.language(), v.sensitive(), v.scheduledAt(), v.pollOptions(), v.pollExpiresIn(), v.pollMultiple(),
                v.media(), v.languages(), v.durations(), v.limits(), v.circles(), v.localOnly(), v.quoting(), v.quotedStatusId(),
                v.interactions());
    }

    private ComposeView.Limits limits() {
        return new ComposeView.Limits(settings.maxStatusChars(), InstanceLimits.CHARACTERS_RESERVED_PER_URL,
                settings.maxMediaAttachments(), InstanceLimits.POLL_MAX_OPTIONS, InstanceLimits.POLL_MAX_CHARACTERS_PER_OPTION,
                InstanceLimits.MEDIA_DESCRIPTION_LIMIT, String.join(",", InstanceLimits.supportedMimeTypes(media.heifSupported())));
    }

    private static ComposeView.Attachment attachment(MediaAttachmentEntity m, String description, String focus) {
        String desc = description == null || description.isEmpty() ? (m.description() == null ? "" : m.description()) : description;
        String[] xy = (focus == null || focus.isBlank() ? focusOf(m) : focus).split(",");
        String x = xy.length == 2 ? xy[0].strip() : "0.0";
        String y = xy.length == 2 ? xy[1].strip() : "0.0";
        return new ComposeView.Attachment(m.id(), m.type(), m.previewUrl() != null ? m.previewUrl() : m.url(), desc, x, y);
    }

    @SuppressWarnings("unchecked")
    private static String focusOf(MediaAttachmentEntity m) {
        if (m.meta() != null && m.meta().get("focus") instanceof Map<?, ?> f) {
            Object x = ((Map<String, Object>) f).get("x"), y = ((Map<String, Object>) f).get("y");
            if (x instanceof Number xn && y instanceof Number yn) return xn.doubleValue() + "," + yn.doubleValue();
        }
        return "0.0,0.0";
    }

    private StatusCard replyCard(Form f, long viewer) {
        Long id = id(f.inReplyToId());
        if (id == null) return null;
        return statuses.visibleById(viewer, id).map(s -> card(views.render(s, viewer), viewer)).orElse(null);
    }

    private StatusCard card(StatusEntity e, long viewer) { return StatusCard.from(e, Long.toString(viewer), Instant.now(), pages.messages()); }

    /** The mentions a reply starts with: the author and the others mentioned, never oneself. */
    private static String mentions(StatusEntity e, Account me) {
        LinkedHashSet<String> accts = new LinkedHashSet<>();
        String mine = me.username();
        if (!e.account().acct().equalsIgnoreCase(mine)) accts.add(e.account().acct());
        if (e.mentions() != null) for (var m : e.mentions()) if (!m.acct().equalsIgnoreCase(mine)) accts.add(m.acct());
        StringBuilder b = new StringBuilder();
        for (String a : accts) b.append('@').append(a).append(' ');
        return b.toString();
    }

    private static String narrower(String mine, String theirs) {
        List<String> order = List.of("public", "unlisted", "private", "direct");
        int a = order.indexOf(mine), b = order.indexOf(theirs);
        return b > a ? theirs : mine;
    }

    private static String defaultVisibility(BrowserSessions.SignedIn me) {
        String v = me.user().defaultPrivacy();
        return v == null || v.isBlank() ? "public" : v;
    }

    private Optional<Status> own(long accountId, String rawId) {
        Long id = id(rawId);
        if (id == null) return Optional.empty();
        try {
            Status s = statusService.ownStatus(accountId, id);
            return s.isReblog() ? Optional.empty() : Optional.of(s);
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    private String permalink(Status s, Account author) { return "/@" + author.username() + "/" + s.id(); }

    private String languageName(String tag) {
        String name = java.util.Locale.forLanguageTag(tag).getDisplayLanguage(java.util.Locale.forLanguageTag(tag));
        return name.isBlank() || name.equals(tag) ? tag : Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    private String duration(long seconds) {
        if (seconds < 3600) return pages.messages().get("compose.poll.minutes", seconds / 60);
        if (seconds < 86400) return pages.messages().get("compose.poll.hours", seconds / 3600);
        return pages.messages().get("compose.poll.days", seconds / 86400);
    }

    private void refuseCsrf(Context ctx) { pages.message(ctx, 403, t("compose.csrf_title"), t("compose.csrf"), null); }

    private void notFound(Context ctx) { pages.message(ctx, 404, t("compose.not_found_title"), t("compose.not_found"), null); }

    private String t(String key) { return pages.messages().get(key); }

    private static List<String> blankOptions() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < InstanceLimits.POLL_MAX_OPTIONS; i++) out.add("");
        return out;
    }

    private static String nz(String s) { return s == null ? "" : s; }

    private static String blankToNull(String s) { return s == null || s.isBlank() ? null : s; }

    static Long id(String s) {
        if (s == null || s.isBlank()) return null;
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
