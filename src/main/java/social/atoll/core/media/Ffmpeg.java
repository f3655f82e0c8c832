package social.atoll.core.media;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The {@code ffmpeg} and {@code ffprobe} commands, when installed (found on {@code PATH}). Video, audio and
 * animated GIFs need them; Atoll runs without them and refuses those uploads with a clear message.
 */
public final class Ffmpeg {

    private static final long TIMEOUT_MINUTES = 15;

    private final Path ffmpeg;
    private final Path ffprobe;
    private final ObjectMapper json;

    private Ffmpeg(Path ffmpeg, Path ffprobe, ObjectMapper json) {
        this.ffmpeg = ffmpeg;
        this.ffprobe = ffprobe;
        this.json = json;
    }

    /** Looks both commands up on {@code PATH}; empty when either is missing. */
    public static Optional<Ffmpeg> find(ObjectMapper json) {
        Optional<Path> f = onPath("ffmpeg");
        Optional<Path> p = onPath("ffprobe");
        return f.isPresent() && p.isPresent() ? Optional.of(new Ffmpeg(f.get(), p.get(), json)) : Optional.empty();
    }

    private static Optional<Path> onPath(String command) {
        String path = System.getenv("PATH");
        if (path == null) return Optional.empty();
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) continue;
            Path p = Path.of(dir, command);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) return Optional.of(p);
        }
        return Optional.empty();
    }

    /** What ffprobe reads from a file: its streams and container. */
    public record Probe(Stream video, Stream audio, double duration, long bitrate) {
        public boolean hasVideo() { return video != null; }

        public boolean hasAudio() { return audio != null; }
    }

    /** One stream; {@code frameRate} is frames per second (0 when not stated). */
    public record Stream(String codec, String pixelFormat, int width, int height, double frameRate, long frames) {}

    /** Probes a file; empty when ffprobe cannot read it as media at all. */
    public Optional<Probe> probe(Path file) throws IOException {
        Result r = run(List.of(ffprobe.toString(), "-v", "error", "-print_format", "json", "-show_format", "-show_streams", file.toString()));
        if (r.exitCode != 0) return Optional.empty();
        JsonNode root = json.readTree(r.stdout);
        Stream video = null;
        Stream audio = null;
        for (JsonNode s : root.path("streams")) {
            String kind = s.path("codec_type").asText();
            // cover art inside audio files is an "attached picture" video stream, not a video
            boolean attachedPic = s.path("disposition").path("attached_pic").asInt() == 1;
            if (kind.equals("video") && video == null && !attachedPic) {
                video = new Stream(s.path("codec_name").asText(), s.path("pix_fmt").asText(), s.path("width").asInt(),
                        s.path("height").asInt(), rate(s.path("avg_frame_rate").asText(s.path("r_frame_rate").asText())),
                        s.path("nb_frames").asLong(0));
            } else if (kind.equals("audio") && audio == null) {
                audio = new Stream(s.path("codec_name").asText(), null, 0, 0, 0, 0);
            }
        }
        if (video == null && audio == null) return Optional.empty();
        JsonNode format = root.path("format");
        return Optional.of(new Probe(video, audio, format.path("duration").asDouble(0), format.path("bit_rate").asLong(0)));
    }

    private static double rate(String fraction) {
        String[] p = fraction.split("/");
        try {
            double n = Double.parseDouble(p[0]);
            double d = p.length > 1 ? Double.parseDouble(p[1]) : 1;
            return d == 0 ? 0 : n / d;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Runs ffmpeg with these arguments (after {@code -hide_banner -nostdin -y}); throws with its last output lines on failure. */
    public void run(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(ffmpeg.toString(), "-hide_banner", "-nostdin", "-loglevel", "error", "-y"));
        cmd.addAll(List.of(args));
        Result r = run(cmd);
        if (r.exitCode != 0) {
            String err = r.stderr.strip();
            if (err.length() > 500) err = err.substring(err.length() - 500);
            throw new IOException("ffmpeg failed (exit " + r.exitCode + "): " + err);
        }
    }

    private record Result(int exitCode, String stdout, String stderr) {}

    private static Result run(List<String> cmd) throws IOException {
        Path out = Files.createTempFile("atoll-ffmpeg-", ".out");
        Path err = Files.createTempFile("atoll-ffmpeg-", ".err");
        try {
            Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            boolean finished;
            try {
                finished = p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while running " + cmd.get(0));
            }
            if (!finished) {
                p.destroyForcibly();
                throw new IOException(cmd.get(0) + " did not finish within " + TIMEOUT_MINUTES + " minutes");
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
