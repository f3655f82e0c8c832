package social.atoll.web.mail;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import java.util.List;
import social.atoll.config.Settings;
import social.atoll.core.mail.Letter;
import social.atoll.core.mail.MailService;
import social.atoll.infra.mail.Mail;
import social.atoll.web.Messages;

/**
 * Puts the server's letters into words: {@code mail/letter.jte} (HTML, escaped) and {@code mail/letter_text.jte}
 * (plain text), both from the texts of the {@code mail} bundle, each naming the server.
 */
public final class MailTemplates implements MailService.Templates {

    private final TemplateEngine engine = TemplateEngine.createPrecompiled(ContentType.Html);
    private final Settings settings;
    private final Messages messages;

    public MailTemplates(Settings settings, Messages messages) {
        this.settings = settings;
        this.messages = messages;
    }

    @Override
    public Mail render(Letter letter) {
        String instance = settings.domain();
        String k = "mail." + letter.kind().id();
        String subject = messages.get(k + ".subject", instance);
        MailView view = new MailView(instance, settings.baseUrl(), subject, messages.get("mail.greeting", letter.username()),
                List.of(messages.get(k + ".body", bodyArgs(instance, letter))), letter.link() == null ? null : messages.get(k + ".button"),
                letter.link(), messages.get("mail.footer", instance, settings.baseUrl()));
        return new Mail(letter.to(), subject, render("mail/letter_text.jte", view), render("mail/letter.jte", view), letter.link());
    }

    /** The server's name, then the letter's details, as the body's {@code {0}}, {@code {1}}, … */
    private static Object[] bodyArgs(String instance, Letter letter) {
        Object[] args = new Object[1 + letter.details().size()];
        args[0] = instance;
        for (int i = 0; i < letter.details().size(); i++) args[i + 1] = letter.details().get(i);
        return args;
    }

    private String render(String template, MailView view) {
        StringOutput out = new StringOutput();
        engine.render(template, view, out);
        return out.toString();
    }
}
