package social.atoll.infra.mail;

/**
 * One mail, rendered and ready to go: to one address, in plain text and HTML.
 *
 * @param link the link the mail is about (a confirmation or reset link), logged when mail goes to files so that a
 *             server without SMTP can still be used; null for a mail without one
 */
public record Mail(String to, String subject, String text, String html, String link) {}
