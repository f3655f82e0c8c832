package social.atoll.web.view;

import java.util.List;

/**
 * The front page ({@code /}) and {@code /about}: the server's texts as administrators set them (defaults until then).
 *
 * @param contactAcct    the account to contact ({@code admin}), null when there is none
 * @param registrations  {@code open}, {@code approval} or {@code closed}
 * @param termsOfService the server has published terms of service ({@code /terms})
 */
public record LandingView(String title, String description, String extendedDescription, List<Rule> rules, String contactAcct,
                          String contactName, String contactEmail, String registrations, String sourceUrl, long users, long posts,
                          boolean termsOfService) {

    public record Rule(String text, String hint) {}
}
