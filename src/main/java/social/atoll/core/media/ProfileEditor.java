package social.atoll.core.media;

import social.atoll.core.account.Account;
import social.atoll.core.account.ProfileService;
import social.atoll.core.account.ProfileUpdate;

/**
 * The one way in for editing a local profile with its images: {@code update_credentials} and the settings page both
 * come here. Both images are checked and processed before anything changes, and stored in the same transaction as
 * the text changes, so a refused bio leaves the old avatar and a refused avatar leaves the old bio.
 *
 * <p>It lives in {@code media} rather than {@code account} because the images need the media pipeline, which
 * already depends on accounts.
 */
public final class ProfileEditor {

    private final ProfileService profiles;
    private final ProfileImages images;

    public ProfileEditor(ProfileService profiles, ProfileImages images) {
        this.profiles = profiles;
        this.images = images;
    }

    /** Applies {@code update} and the uploaded images (either may be null: left as they are); returns the account as stored. */
    public Account edit(long accountId, ProfileUpdate update, MediaUpload avatar, MediaUpload header) {
        var avatarImage = avatar == null ? null : images.prepare(ProfileImages.Kind.AVATAR, avatar);
        var headerImage = header == null ? null : images.prepare(ProfileImages.Kind.HEADER, header);
        if (avatarImage == null && headerImage == null) return profiles.update(accountId, update);
        return images.update(accountId, avatarImage, headerImage, () -> profiles.update(accountId, update));
    }
}
