package social.atoll.web.view;

/** The embeddable post ({@code /@name/id/embed}): the post alone, with a link to its page. */
public record EmbedView(StatusCard status, String url) {}
