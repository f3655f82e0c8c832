package social.atoll.core.media;

import java.nio.file.Path;

/**
 * An uploaded file as received, already on local disk (the caller deletes it afterwards).
 *
 * @param declaredType the client's Content-Type: a hint only, the bytes decide
 */
public record MediaUpload(Path file, String filename, String declaredType, long size) {}
