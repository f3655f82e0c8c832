package social.atoll.web.compose;

import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import social.atoll.core.media.MediaUpload;

/**
 * Files of a browser's multipart form, copied to temp files for the media service, as the API's uploads are;
 * {@link #close} removes them whatever happened. (The web door may not use the API's own helper.)
 */
final class WebUploads implements AutoCloseable {

    private final List<Path> files = new ArrayList<>();

    /** {@code u} as an upload, or null for the empty part a file input sends when nothing was picked. */
    MediaUpload of(UploadedFile u) {
        if (u == null || u.size() == 0 || u.filename() == null || u.filename().isBlank()) return null;
        try {
            Path tmp = Files.createTempFile("atoll-web-upload-", ".bin");
            files.add(tmp);
            try (InputStream in = u.content()) {
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            }
            return new MediaUpload(tmp, u.filename(), u.contentType(), Files.size(tmp));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        for (Path p : files) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // a temp file; the OS cleans up
            }
        }
    }
}
