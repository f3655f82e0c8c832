package social.atoll.config;

/** A setting has a value Atoll cannot use; the message names the setting and is shown to the admin as is. */
public final class SettingsException extends RuntimeException {
    public SettingsException(String message) { super(message); }
}
