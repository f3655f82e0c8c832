package social.atoll.core.media;

import java.util.Optional;

/**
 * What an upload is, judged from its first bytes: a still-image format Atoll decodes itself, or a container
 * ffmpeg reads (MP4/QuickTime/3GP/M4A, Matroska/WebM, Ogg, WAVE, AVI, ASF, MP3, FLAC, AAC). Anything else is
 * refused whatever the client called it.
 */
enum MediaKind {
    IMAGE, AUDIO_VIDEO;

    static Optional<MediaKind> sniff(byte[] head) {
        if (ImageFormat.sniff(head).isPresent()) return Optional.of(IMAGE);
        if (ImageFormat.startsWith(head, 4, 'f', 't', 'y', 'p')) return Optional.of(AUDIO_VIDEO);
        if (ImageFormat.startsWith(head, 0, 0x1A, 0x45, 0xDF, 0xA3)) return Optional.of(AUDIO_VIDEO);
        if (ImageFormat.startsWith(head, 0, 'O', 'g', 'g', 'S')) return Optional.of(AUDIO_VIDEO);
        if (ImageFormat.startsWith(head, 0, 'R', 'I', 'F', 'F')
                && (ImageFormat.startsWith(head, 8, 'W', 'A', 'V', 'E') || ImageFormat.startsWith(head, 8, 'A', 'V', 'I', ' ')))
            return Optional.of(AUDIO_VIDEO);
        if (ImageFormat.startsWith(head, 0, 0x30, 0x26, 0xB2, 0x75)) return Optional.of(AUDIO_VIDEO);
        if (ImageFormat.startsWith(head, 0, 'I', 'D', '3')) return Optional.of(AUDIO_VIDEO);
        if (ImageFormat.startsWith(head, 0, 'f', 'L', 'a', 'C')) return Optional.of(AUDIO_VIDEO);
        // an MPEG audio frame (MP3) or ADTS AAC: 11 or 12 sync bits
        if (head.length > 1 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xE0) == 0xE0) return Optional.of(AUDIO_VIDEO);
        return Optional.empty();
    }
}
