package social.atoll.core.media;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import social.atoll.core.common.ValidationException;
import social.atoll.core.instance.InstanceLimits;

/**
 * Video, audio and animated GIFs through ffmpeg, with Mastodon's choices: H.264/AAC MP4 with the moov atom first
 * (copied without re-encoding when it already is H.264 yuv420p with AAC or no audio), a video without sound and
 * an animated GIF become {@code gifv}, audio becomes MP3; metadata is dropped ({@code -map_metadata -1}); the
 * first frame is the preview.
 */
public final class VideoProcessor {

    private static final int MAX_FRAMES = 36_000;

    /** The processed file (in {@code workDir}) and what to record about it; {@code frame} is a PNG, null for audio. */
    public record Output(String type, Path file, String contentType, String extension, int width, int height,
                         double frameRate, double duration, long bitrate, Path frame) {}

    private final Ffmpeg ffmpeg;

    public VideoProcessor(Ffmpeg ffmpeg) { this.ffmpeg = ffmpeg; }

    /**
     * Checks an upload before it is accepted: it must be media ffprobe can read, within Mastodon's matrix and frame
     * rate limits. Cheap (reads headers only), so it runs in the request and bad files never reach the queue.
     */
    public Ffmpeg.Probe check(Path input) throws IOException {
        Ffmpeg.Probe p = ffmpeg.probe(input).orElseThrow(() -> new ValidationException("File could not be processed: it is not a video or audio file ffmpeg can read"));
        if (p.hasVideo()) {
            long pixels = (long) p.video().width() * p.video().height();
            if (pixels > InstanceLimits.VIDEO_MATRIX_LIMIT)
                throw new ValidationException("Video dimensions " + p.video().width() + "x" + p.video().height()
                        + " are larger than the limit of " + InstanceLimits.VIDEO_MATRIX_LIMIT + " pixels");
            if (p.video().frameRate() > InstanceLimits.VIDEO_FRAME_RATE_LIMIT)
                throw new ValidationException("Video frame rate " + Math.round(p.video().frameRate()) + " is higher than the limit of "
                        + InstanceLimits.VIDEO_FRAME_RATE_LIMIT + " fps");
        }
        return p;
    }

    /** Processes {@code input} into {@code workDir}; {@code animatedGif} forces {@code gifv}. */
    public Output process(Path input, boolean animatedGif, Path workDir) throws IOException {
        Ffmpeg.Probe in = ffmpeg.probe(input).orElseThrow(() -> new IOException("ffprobe cannot read the upload"));
        if (!in.hasVideo()) {
            Path out = workDir.resolve("audio.mp3");
            ffmpeg.run("-i", input.toString(), "-map_metadata", "-1", "-vn", "-c:a", "libmp3lame", "-q:a", "2", out.toString());
            Ffmpeg.Probe p = ffmpeg.probe(out).orElseThrow(() -> new IOException("ffmpeg wrote an unreadable file"));
            return new Output("audio", out, "audio/mpeg", "mp3", 0, 0, 0, p.duration(), p.bitrate(), null);
        }
        Path out = workDir.resolve("video.mp4");
        boolean gifv = animatedGif || !in.hasAudio();
        Ffmpeg.Stream v = in.video();
        boolean passthrough = !animatedGif && "h264".equals(v.codec()) && "yuv420p".equals(v.pixelFormat())
                && v.width() % 2 == 0 && v.height() % 2 == 0 && (!in.hasAudio() || "aac".equals(in.audio().codec()));
        if (passthrough) {
            ffmpeg.run("-i", input.toString(), "-map_metadata", "-1", "-map", "0:v:0", "-map", "0:a:0?", "-c:v", "copy",
                    "-c:a", "copy", "-movflags", "+faststart", out.toString());
        } else {
            ffmpeg.run("-i", input.toString(), "-map_metadata", "-1", "-map", "0:v:0", "-map", "0:a:0?",
                    "-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p",
                    "-vf", "crop=floor(iw/2)*2:floor(ih/2)*2", "-c:a", "aac", "-b:a", "192k",
                    "-frames:v", Integer.toString(MAX_FRAMES), "-movflags", "+faststart", out.toString());
        }
        Ffmpeg.Probe p = ffmpeg.probe(out).orElseThrow(() -> new IOException("ffmpeg wrote an unreadable file"));
        if (!p.hasVideo()) throw new IOException("ffmpeg wrote no video stream");
        Path frame = workDir.resolve("frame.png");
        ffmpeg.run("-i", out.toString(), "-frames:v", "1", "-f", "image2", "-c:v", "png", frame.toString());
        if (!Files.isRegularFile(frame)) throw new IOException("ffmpeg wrote no preview frame");
        return new Output(gifv ? "gifv" : "video", out, "video/mp4", "mp4", p.video().width(), p.video().height(),
                p.video().frameRate(), p.duration(), p.bitrate(), frame);
    }

    /** A frame rate as Mastodon writes it ({@code "30/1"}, {@code "2997/100"}). */
    static String frameRate(double fps) {
        if (fps <= 0) return null;
        if (Math.abs(fps - Math.rint(fps)) < 1e-6) return Math.round(fps) + "/1";
        return String.format(Locale.ROOT, "%d/100", Math.round(fps * 100));
    }
}
