package social.atoll.web.mail;

import java.util.List;

/**
 * What a mail's templates show: the server's name, a greeting, the paragraphs, and the link with its button label
 * (null for a mail without one).
 */
public record MailView(String instance, String baseUrl, String subject, String greeting, List<String> paragraphs,
                       String button, String link, String footer) {}
