package social.atoll.server;

import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import social.atoll.core.media.MediaUpload;

/** Multipart files (API or browser forms) copied to temp files for processing; {@link #close} removes them whatever happened. */
public final class Uploads implements AutoCloseable {

    private final List<Path> files = new ArrayList<>();

    /** The file part {@code name}, or null when the request has none. */
    public MediaUpload get(Params p, String name) {
        Optional<UploadedFile> f = p.file(name);
        return f.isEmpty() ? null : copy(f.get());
    }

    /**
     * The file part {@code name} of a browser's multipart form, or null when none was chosen (a form with an empty
     * file input still sends the part, with no file name and no bytes).
     */
    public MediaUpload get(io.javalin.http.Context ctx, String name) {
        UploadedFile u = ctx.uploadedFile(name);
        if (u == null || (u.size() == 0 && (u.filename() == null || u.filename().isBlank()))) return null;
        return copy(u);
    }

    private MediaUpload copy(UploadedFile u) {
        try {
            Path tmp = Files.createTempFile("atoll-upload-", ".bin");
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
