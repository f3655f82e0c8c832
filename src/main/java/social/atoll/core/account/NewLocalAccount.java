package social.atoll.core.account;

/**
 * What it takes to create a local account.
 *
 * @param confirmed e-mail already confirmed (admin-created accounts are)
 * @param approved  no moderator approval pending
 */
public record NewLocalAccount(String username, String email, String password, User.Role role, boolean confirmed,
                              boolean approved, String locale, String reason, String ip) {}
