package social.atoll.infra.storage;

import social.atoll.config.Settings;

/** Opens the store {@code ATOLL_STORAGE} names. */
public final class BlobStores {

    private BlobStores() {}

    public static BlobStore open(Settings settings) {
        return switch (settings.storage().driver()) {
            case LOCAL -> new LocalBlobStore(settings.dataDir().resolve("media"), settings.baseUrl());
            case S3 -> new S3BlobStore(settings.storage());
        };
    }
}
