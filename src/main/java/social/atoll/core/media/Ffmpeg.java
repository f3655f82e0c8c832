package social.atoll.core.media;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import social.atoll.infra.db.JsonColumns;

/**
 * The {@code ffmpeg} and {@code ffprobe} commands, when installed (found on {@code PATH}). Video, audio and
 * animated GIFs need them; Atoll runs without them and refuses those uploads with a clear message.
 */
public final class Ffmpeg {

    private static final long TIMEOUT_MINUTES = 15;

    private final Path ffmpeg;
    private final Path ffprobe;
    private final JsonColumns json;

    private Ffmpeg(Path ffmpeg, Path ffprobe, JsonColumns json) {
        this.ffmpeg = ffmpeg;
        this.ffprobe = ffprobe;
        this.json = json;
    }

    /** Looks both commands up on {@code PATH}; empty when either is missing. */
    public static Optional<Ffmpeg> find(JsonColumns json) {
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
        ProbeOutput out;
        try {
            out = json.read(r.stdout, ProbeOutput.class);
        } catch (JsonColumns.JsonColumnException e) {
            throw new IOException("ffprobe printed no readable JSON", e);
        }
        if (out == null) return Optional.empty();
        Stream video = null;
        Stream audio = null;
        for (ProbeStream s : out.streams() == null ? List.<ProbeStream>of() : out.streams()) {
            String kind = s.codecType() == null ? "" : s.codecType();
            // cover art inside audio files is an "attached picture" video stream, not a video
            boolean attachedPic = s.disposition() != null && "1".equals(String.valueOf(s.disposition().get("attached_pic")));
            if (kind.equals("video") && video == null && !attachedPic) {
                video = new Stream(text(s.codecName()), text(s.pixFmt()), s.width() == null ? 0 : s.width(),
                        s.height() == null ? 0 : s.height(), rate(s.avgFrameRate() != null ? s.avgFrameRate() : text(s.rFrameRate())),
                        (long) number(s.nbFrames()));
            } else if (kind.equals("audio") && audio == null) {
                audio = new Stream(text(s.codecName()), null, 0, 0, 0, 0);
            }
        }
        if (video == null && audio == null) return Optional.empty();
        ProbeFormat format = out.format();
        return Optional.of(new Probe(video, audio, format == null ? 0 : number(format.duration()),
                format == null ? 0 : (long) number(format.bitRate())));
    }

    /** The parts of ffprobe's JSON that Atoll reads; ffprobe writes most numbers as strings. */
    record ProbeOutput(List<ProbeStream> streams, ProbeFormat format) {}

    record ProbeStream(String codecType, String codecName, String pixFmt, Integer width, Integer height,
                       String avgFrameRate, String rFrameRate, String nbFrames, Map<String, Object> disposition) {}

    record ProbeFormat(String duration, String bitRate) {}

    private static String text(String s) { return s == null ? "" : s; }

    private static double number(String s) {
        if (s == null) return 0;
        try {
            return Double.parseDouble(s.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
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
