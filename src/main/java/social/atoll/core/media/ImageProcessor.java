package social.atoll.core.media;

import com.drew.imaging.ImageMetadataReader;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifIFD0Directory;
import io.trbl.blurhash.BlurHash;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import social.atoll.core.common.ValidationException;
import social.atoll.core.instance.InstanceLimits;

/**
 * Decodes an uploaded image, applies its EXIF orientation, and re-encodes it from pixels only — so every piece of
 * metadata (GPS position, camera, dates, comments) is gone — as Mastodon's styles: an {@code original} capped by
 * pixel area and a {@code small} preview, plus a blurhash of the preview.
 *
 * <p>The pixel count is read from the header before any pixels are decoded, so a small file that claims a huge
 * image (a decompression bomb) is refused without allocating it.
 */
public final class ImageProcessor {

    /** Mastodon's {@code original} style: at most 3840×2160 worth of pixels, aspect kept. */
    public static final long ORIGINAL_MAX_PIXELS = 8_294_400;
    /** Mastodon's {@code small} style: at most 640×360 worth of pixels. */
    public static final long SMALL_MAX_PIXELS = 230_400;
    private static final float JPEG_QUALITY = 0.9f;

    /** One encoded style. */
    public record Encoded(byte[] bytes, ImageFormat format, int width, int height) {}

    /** The styles of one image; {@code animated} is a GIF with more than one frame (a candidate for gifv). */
    public record Result(Encoded original, Encoded small, String blurhash, boolean animated) {}

    /** A decoded, upright image and what it came from. */
    record Decoded(BufferedImage image, ImageFormat format, boolean animated) {}

    /**
     * A 33-megapixel image takes a few hundred megabytes while it is processed: as many at once as there are
     * cores, the rest wait, so a burst of uploads cannot exhaust the heap.
     */
    private final Semaphore slots = new Semaphore(Math.max(2, Runtime.getRuntime().availableProcessors()));

    public Result process(byte[] data) {
        return limited(() -> {
            Decoded d = decode(data);
            BufferedImage original = fitArea(d.image(), ORIGINAL_MAX_PIXELS);
            ImageFormat out = outputFormat(d.format());
            // encoding the original is the largest single cost of an upload (libjpeg, native): it runs on a second
            // core while this thread makes the preview and its blurhash from the same pixels (read-only on both sides)
            Future<Encoded> enc = ENCODER.submit(() -> encode(original, out));
            BufferedImage small = fitArea(original, SMALL_MAX_PIXELS);
            Encoded smallEnc;
            String hash;
            try {
                smallEnc = encode(small, out);
                hash = blurhash(small);
            } catch (RuntimeException e) {
                enc.cancel(false);
                throw e;
            }
            return new Result(await(enc), smallEnc, hash, d.animated());
        });
    }

    /**
     * Platform threads, not virtual ones: a native encode of a few hundred milliseconds would pin a virtual thread's
     * carrier. Idle threads end after a minute, so an idle server keeps none.
     */
    private static final ExecutorService ENCODER = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS,
            new SynchronousQueue<>(), Thread.ofPlatform().name("image-encode-", 0).daemon().factory());

    private static Encoded await(Future<Encoded> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            f.cancel(false);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while encoding an image", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error err) throw err;
            throw new IllegalStateException(e.getCause());
        }
    }

    private <T> T limited(Supplier<T> work) {
        try {
            slots.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to process an image", e);
        }
        try {
            return work.get();
        } finally {
            slots.release();
        }
    }

    /** A preview-only image (a video's or audio's cover): the {@code small} style and its blurhash. */
    public Result thumbnail(byte[] data) {
        return limited(() -> {
            Decoded d = decode(data);
            BufferedImage small = fitArea(d.image(), SMALL_MAX_PIXELS);
            Encoded enc = encode(small, outputFormat(d.format()));
            return new Result(enc, enc, blurhash(small), false);
        });
    }

    /** A profile image: cropped from the centre to {@code width:height} and scaled down to that size (never up). */
    public Result profileImage(byte[] data, int width, int height) {
        return limited(() -> {
            Decoded d = decode(data);
            BufferedImage cropped = cropToAspect(d.image(), width, height);
            BufferedImage sized = cropped.getWidth() > width ? scale(cropped, width, height) : cropped;
            ImageFormat out = outputFormat(d.format());
            Encoded enc = encode(sized, out);
            BufferedImage small = fitArea(sized, SMALL_MAX_PIXELS);
            return new Result(enc, encode(small, out), blurhash(small), false);
        });
    }

    /** A custom emoji's images: what is served as {@code url} and the still PNG of {@code static_url}. */
    public record EmojiImages(Encoded image, Encoded still) {}

    /** The largest side of a custom emoji's still image; Mastodon shows them at 16 to 48 pixels. */
    public static final int EMOJI_MAX_SIDE = 256;

    /**
     * A custom emoji: decoded (so a file that only claims to be an image is refused) and re-encoded as a PNG of at most
     * {@link #EMOJI_MAX_SIDE} pixels a side, which strips its metadata. An animated GIF or WebP keeps its frames: the
     * file itself is served as {@code url}, the first frame as the still image.
     */
    public EmojiImages emoji(byte[] data) {
        return limited(() -> {
            Decoded d = decode(data);
            BufferedImage img = d.image();
            int max = Math.max(img.getWidth(), img.getHeight());
            if (max > EMOJI_MAX_SIDE) {
                img = scale(img, Math.max(1, img.getWidth() * EMOJI_MAX_SIDE / max), Math.max(1, img.getHeight() * EMOJI_MAX_SIDE / max));
            }
            Encoded still = encode(img, ImageFormat.PNG);
            boolean animated = d.animated() || (d.format() == ImageFormat.WEBP && animatedWebp(data));
            Encoded image = animated ? new Encoded(data, d.format(), d.image().getWidth(), d.image().getHeight()) : still;
            return new EmojiImages(image, still);
        });
    }

    /** A WebP with the animation flag of its VP8X header. */
    private static boolean animatedWebp(byte[] data) {
        return data.length > 20 && ImageFormat.startsWith(data, 12, 'V', 'P', '8', 'X') && (data[20] & 0x02) != 0;
    }

    Decoded decode(byte[] data) {
        ImageFormat format = ImageFormat.sniff(data).orElseThrow(() -> new ValidationException("File content type is invalid"));
        ImageReader reader = readerFor(format);
        BufferedImage image;
        boolean animated = false;
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(data))) {
            reader.setInput(in, false, true);
            long w = reader.getWidth(0);
            long h = reader.getHeight(0);
            if (w <= 0 || h <= 0) throw damaged();
            if (w * h > InstanceLimits.IMAGE_MATRIX_LIMIT)
                throw new ValidationException("File dimensions " + w + "x" + h + " are larger than the limit of "
                        + InstanceLimits.IMAGE_MATRIX_LIMIT + " pixels");
            if (format == ImageFormat.GIF) animated = reader.getNumImages(true) > 1;
            image = reader.read(0);
        } catch (IOException | RuntimeException e) {
            if (e instanceof ValidationException v) throw v;
            throw damaged();
        } finally {
            reader.dispose();
        }
        return new Decoded(orient(normalize(image), orientation(data)), format, animated);
    }

    private static ValidationException damaged() {
        return new ValidationException("File could not be processed: it is damaged or not the image it claims to be");
    }

    /**
     * The reader for a format. WebP is read by TwelveMonkeys (pure Java); webp-imageio registers a second WebP
     * reader whose order in ImageIO's registry is not stable, so the choice is made here by class.
     */
    private static ImageReader readerFor(ImageFormat format) {
        String name = format == ImageFormat.JPEG ? "jpeg" : format.name().toLowerCase(Locale.ROOT);
        Iterator<ImageReader> it = ImageIO.getImageReadersByFormatName(name);
        ImageReader fallback = null;
        while (it.hasNext()) {
            ImageReader r = it.next();
            if (format != ImageFormat.WEBP || r.getClass().getName().startsWith("com.twelvemonkeys.")) return r;
            if (fallback == null) fallback = r;
        }
        if (fallback != null) return fallback;
        throw new IllegalStateException("no ImageIO reader for " + format);
    }

    /** The EXIF orientation (1–8) from any EXIF block the file carries; 1 when there is none or it cannot be read. */
    static int orientation(byte[] data) {
        try {
            Metadata metadata = ImageMetadataReader.readMetadata(new ByteArrayInputStream(data), data.length);
            for (ExifIFD0Directory dir : metadata.getDirectoriesOfType(ExifIFD0Directory.class)) {
                Integer o = dir.getInteger(ExifIFD0Directory.TAG_ORIENTATION);
                if (o != null && o >= 1 && o <= 8) return o;
            }
        } catch (Exception e) {
            // unreadable metadata: the pixels are what they are
        }
        return 1;
    }

    /**
     * A plain 8-bit RGB or ARGB image, whatever the decoder produced (indexed, grey, 16-bit…); the common layouts
     * are kept as they are, which spares a copy of every large photo.
     */
    private static BufferedImage normalize(BufferedImage src) {
        switch (src.getType()) {
            case BufferedImage.TYPE_INT_RGB, BufferedImage.TYPE_INT_ARGB, BufferedImage.TYPE_3BYTE_BGR, BufferedImage.TYPE_4BYTE_ABGR -> {
                return src;
            }
            default -> { }
        }
        boolean alpha = src.getColorModel().hasAlpha();
        int type = alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB;
        BufferedImage out = new BufferedImage(src.getWidth(), src.getHeight(), type);
        Graphics2D g = out.createGraphics();
        g.drawImage(src, 0, 0, null);
        g.dispose();
        return out;
    }

    /** Turns the pixels upright according to EXIF orientation {@code o} (2–8 mirror and/or rotate). */
    static BufferedImage orient(BufferedImage src, int o) {
        if (o <= 1 || o > 8) return src;
        int w = src.getWidth();
        int h = src.getHeight();
        AffineTransform t = switch (o) {
            case 2 -> new AffineTransform(-1, 0, 0, 1, w, 0);
            case 3 -> new AffineTransform(-1, 0, 0, -1, w, h);
            case 4 -> new AffineTransform(1, 0, 0, -1, 0, h);
            case 5 -> new AffineTransform(0, 1, 1, 0, 0, 0);
            case 6 -> new AffineTransform(0, 1, -1, 0, h, 0);
            case 7 -> new AffineTransform(0, -1, -1, 0, h, w);
            default -> new AffineTransform(0, -1, 1, 0, 0, w);
        };
        boolean swap = o >= 5;
        BufferedImage out = new BufferedImage(swap ? h : w, swap ? w : h, src.getType());
        Graphics2D g = out.createGraphics();
        g.drawImage(src, t, null);
        g.dispose();
        return out;
    }

    /** Scales down (never up) so that width × height ≤ {@code maxPixels}, keeping the aspect ratio. */
    static BufferedImage fitArea(BufferedImage src, long maxPixels) {
        long pixels = (long) src.getWidth() * src.getHeight();
        if (pixels <= maxPixels) return src;
        double f = Math.sqrt((double) maxPixels / pixels);
        int w = Math.max(1, (int) Math.floor(src.getWidth() * f));
        int h = Math.max(1, (int) Math.floor(src.getHeight() * f));
        return scale(src, w, h);
    }

    private static BufferedImage cropToAspect(BufferedImage src, int aw, int ah) {
        int w = src.getWidth();
        int h = src.getHeight();
        int cw = w;
        int ch = (int) Math.round((double) w * ah / aw);
        if (ch > h) {
            ch = h;
            cw = Math.max(1, (int) Math.round((double) h * aw / ah));
        }
        if (cw == w && ch == h) return src;
        return src.getSubimage((w - cw) / 2, (h - ch) / 2, cw, ch);
    }

    /** Bilinear scaling in halving steps, which keeps large reductions from aliasing. */
    static BufferedImage scale(BufferedImage src, int width, int height) {
        BufferedImage current = src;
        int w = src.getWidth();
        int h = src.getHeight();
        do {
            w = Math.max(width, w / 2);
            h = Math.max(height, h / 2);
            BufferedImage next = new BufferedImage(w, h, src.getColorModel().hasAlpha() ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_3BYTE_BGR);
            Graphics2D g = next.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(current, 0, 0, w, h, null);
            g.dispose();
            current = next;
        } while (w != width || h != height);
        return current;
    }

    /** JPEG stays JPEG, WebP stays WebP, PNG stays PNG; a still GIF becomes PNG (lossless, and no palette limit). */
    private static ImageFormat outputFormat(ImageFormat in) { return in == ImageFormat.GIF ? ImageFormat.PNG : in; }

    /** Writes pixels only: no metadata is passed to the writer, so none reaches the file. */
    static Encoded encode(BufferedImage img, ImageFormat format) {
        BufferedImage pixels = img;
        if (format == ImageFormat.JPEG && img.getColorModel().hasAlpha()) {
            pixels = new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
            Graphics2D g = pixels.createGraphics();
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, img.getWidth(), img.getHeight());
            g.drawImage(img, 0, 0, null);
            g.dispose();
        }
        ImageWriter writer = writerFor(format);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (format == ImageFormat.JPEG || format == ImageFormat.WEBP) {
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                if (format == ImageFormat.WEBP) param.setCompressionType(param.getCompressionTypes()[0]); // lossy
                param.setCompressionQuality(JPEG_QUALITY);
            }
            writer.write(null, new IIOImage(pixels, null, null), param);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode " + format, e);
        } finally {
            writer.dispose();
        }
        return new Encoded(bytes.toByteArray(), format, pixels.getWidth(), pixels.getHeight());
    }

    /** WebP is written by webp-imageio (libwebp); the JDK writes JPEG and PNG. */
    private static ImageWriter writerFor(ImageFormat format) {
        String name = format == ImageFormat.JPEG ? "jpeg" : format.name().toLowerCase(Locale.ROOT);
        Iterator<ImageWriter> it = ImageIO.getImageWritersByFormatName(name);
        ImageWriter fallback = null;
        while (it.hasNext()) {
            ImageWriter w = it.next();
            if (format != ImageFormat.WEBP || w.getClass().getName().startsWith("com.luciad.")) return w;
            if (fallback == null) fallback = w;
        }
        if (fallback != null) return fallback;
        throw new IllegalStateException("no ImageIO writer for " + format);
    }

    /**
     * Mastodon's blurhash: 4×4 components of the preview. Sixteen cosine sums over every pixel of a 230,400-pixel
     * preview took a second; the hash keeps only the lowest frequencies, so a 7,500-pixel copy gives the same
     * picture at a hundredth of the cost.
     */
    static String blurhash(BufferedImage small) { return BlurHash.encode(fitArea(small, 7_500), 4, 4); }
}
