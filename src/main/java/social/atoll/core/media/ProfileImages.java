package social.atoll.core.media;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import social.atoll.core.common.ValidationException;
import social.atoll.core.instance.InstanceLimits;
import social.atoll.core.account.AccountStore;
import social.atoll.infra.db.Database;

/**
 * Avatar and header uploads of {@code update_credentials}: processed like any image (orientation applied, all
 * metadata stripped), cropped from the centre to Mastodon's sizes (avatar 400×400, header 1500×500), kept as
 * media rows of purpose {@code avatar}/{@code header} that the account points to. The replaced image is removed.
 */
public final class ProfileImages {

    public enum Kind {
        AVATAR("avatar", 400, 400),
        HEADER("header", 1500, 500);

        final String purpose;
        final int width;
        final int height;

        Kind(String purpose, int width, int height) {
            this.purpose = purpose;
            this.width = width;
            this.height = height;
        }
    }

    private final Database db;
    private final MediaStore store;
    private final AccountStore accounts;
    private final MediaService media;
    private final ImageProcessor images;

    public ProfileImages(Database db, MediaStore store, AccountStore accounts, MediaService media, ImageProcessor images) {
        this.db = db;
        this.store = store;
        this.accounts = accounts;
        this.media = media;
        this.images = images;
    }

    /** Checks and processes an upload without storing it (so a bad file refuses the whole profile change). */
    public ImageProcessor.Result prepare(Kind kind, MediaUpload upload) {
        if (upload.size() > InstanceLimits.IMAGE_SIZE_LIMIT)
            throw new ValidationException(capitalized(kind) + " file size must be less than " + (InstanceLimits.IMAGE_SIZE_LIMIT / (1024 * 1024)) + " MB");
        byte[] data;
        try {
            data = Files.readAllBytes(upload.file());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (ImageFormat.sniff(data).isEmpty()) throw new ValidationException(capitalized(kind) + " content type is invalid");
        return images.profileImage(data, kind.width, kind.height);
    }

    /**
     * Stores prepared images (either may be null) and points the account at them in the same transaction as
     * {@code profileUpdate} (the text changes), so that the profile event it publishes, and the actor sent to
     * other servers, already carry the new images; if the update is refused, nothing changes. The replaced images
     * are removed afterwards.
     */
    public <T> T update(long accountId, ImageProcessor.Result avatar, ImageProcessor.Result header, Supplier<T> profileUpdate) {
        List<MediaAttachment> staged = new ArrayList<>();
        List<Long> replaced = new ArrayList<>();
        T result;
        try {
            if (avatar != null) staged.add(media.stageImage(accountId, avatar, null, null, Kind.AVATAR.purpose));
            if (header != null) staged.add(media.stageImage(accountId, header, null, null, Kind.HEADER.purpose));
            result = db.write(h -> {
                for (MediaAttachment m : staged) {
                    Kind kind = m.purpose().equals(Kind.AVATAR.purpose) ? Kind.AVATAR : Kind.HEADER;
                    MediaStore.insert(h, m);
                    accounts.swapProfileImage(h, accountId, kind == Kind.AVATAR, m.id()).ifPresent(replaced::add);
                }
                return profileUpdate.get();
            });
        } catch (RuntimeException e) {
            staged.forEach(media::deleteFiles);
            throw e;
        }
        for (Long old : replaced) {
            store.byId(old).filter(m -> m.accountId() == accountId && !"attachment".equals(m.purpose())).ifPresent(media::delete);
        }
        return result;
    }

    private static String capitalized(Kind k) { return k == Kind.AVATAR ? "Avatar" : "Header"; }
}
