package social.atoll.api.media;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.zip.CRC32;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;

/** Images made in the test, in every format uploaded: plain, with EXIF GPS and orientation, animated, forged. */
public final class TestImages {

    private TestImages() {}

    /** Left half red, right half blue: orientation changes are visible in the pixels. */
    public static BufferedImage halves(int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.RED);
        g.fillRect(0, 0, w / 2, h);
        g.setColor(Color.BLUE);
        g.fillRect(w / 2, 0, w - w / 2, h);
        g.dispose();
        return img;
    }

    static byte[] encode(BufferedImage img, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (format.equals("webp")) {
                Iterator<ImageWriter> it = ImageIO.getImageWritersByFormatName("webp");
                ImageWriter w = it.next();
                try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
                    w.setOutput(ios);
                    w.write(img);
                }
                w.dispose();
            } else if (!ImageIO.write(img, format, out)) {
                throw new IllegalStateException("no writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static BufferedImage decode(byte[] data) {
        try {
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(data));
            if (img == null) throw new IllegalStateException("not an image");
            return img;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A JPEG with an EXIF block (APP1) carrying an orientation and a GPS position, as a phone writes it; the EXIF
     * is put together by hand (big-endian TIFF): IFD0 with Orientation, Make and the GPS IFD pointer, then the GPS
     * IFD with latitude and longitude.
     */
    public static byte[] jpegWithExif(BufferedImage img, int orientation) {
        byte[] jpeg = encode(img, "jpg");
        ByteBuffer tiff = ByteBuffer.allocate(256);
        tiff.put(new byte[] {'M', 'M', 0, 42}).putInt(8);
        // IFD0 at 8: 3 entries
        int ifd0Entries = 3;
        int gpsIfd = 8 + 2 + ifd0Entries * 12 + 4;           // right after IFD0
        int makeOffset = gpsIfd + 2 + 4 * 12 + 4;            // after the GPS IFD (4 entries)
        int latOffset = makeOffset + 8;
        int lonOffset = latOffset + 24;
        tiff.putShort((short) ifd0Entries);
        tiff.putShort((short) 0x010F).putShort((short) 2).putInt(7).putInt(makeOffset); // Make "Phone!\0"
        tiff.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0);
        tiff.putShort((short) 0x8825).putShort((short) 4).putInt(1).putInt(gpsIfd);
        tiff.putInt(0);
        tiff.putShort((short) 4);
        tiff.putShort((short) 1).putShort((short) 2).putInt(2).put(new byte[] {'N', 0, 0, 0});
        tiff.putShort((short) 2).putShort((short) 5).putInt(3).putInt(latOffset);
        tiff.putShort((short) 3).putShort((short) 2).putInt(2).put(new byte[] {'E', 0, 0, 0});
        tiff.putShort((short) 4).putShort((short) 5).putInt(3).putInt(lonOffset);
        tiff.putInt(0);
        tiff.put("Phone!\0\0".getBytes(StandardCharsets.US_ASCII));
        tiff.putInt(52).putInt(1).putInt(22).putInt(1).putInt(1234).putInt(100);   // 52° 22' 12.34"
        tiff.putInt(4).putInt(1).putInt(53).putInt(1).putInt(4321).putInt(100);    // 4° 53' 43.21"
        byte[] tiffBytes = java.util.Arrays.copyOf(tiff.array(), tiff.position());
        ByteArrayOutputStream app1 = new ByteArrayOutputStream();
        byte[] payload = concat("Exif\0\0".getBytes(StandardCharsets.US_ASCII), tiffBytes);
        app1.write(0xFF);
        app1.write(0xE1);
        app1.write((payload.length + 2) >> 8);
        app1.write((payload.length + 2) & 0xFF);
        app1.writeBytes(payload);
        // SOI, then EXIF, then the rest (APP0 JFIF and the image)
        return concat(new byte[] {(byte) 0xFF, (byte) 0xD8}, app1.toByteArray(), java.util.Arrays.copyOfRange(jpeg, 2, jpeg.length));
    }

    /** An animated GIF of {@code frames} frames. */
    static byte[] animatedGif(int w, int h, int frames) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
        try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(ios);
            writer.prepareWriteSequence(null);
            for (int i = 0; i < frames; i++) {
                BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
                Graphics2D g = img.createGraphics();
                g.setColor(i % 2 == 0 ? Color.GREEN : Color.ORANGE);
                g.fillRect(0, 0, w, h);
                g.dispose();
                ImageTypeSpecifier type = ImageTypeSpecifier.createFromRenderedImage(img);
                IIOMetadata meta = writer.getDefaultImageMetadata(type, null);
                String fmt = meta.getNativeMetadataFormatName();
                IIOMetadataNode root = (IIOMetadataNode) meta.getAsTree(fmt);
                IIOMetadataNode gce = new IIOMetadataNode("GraphicControlExtension");
                gce.setAttribute("disposalMethod", "none");
                gce.setAttribute("userInputFlag", "FALSE");
                gce.setAttribute("transparentColorFlag", "FALSE");
                gce.setAttribute("delayTime", "10");
                gce.setAttribute("transparentColorIndex", "0");
                root.appendChild(gce);
                meta.setFromTree(fmt, root);
                writer.writeToSequence(new IIOImage(img, null, meta), null);
            }
            writer.endWriteSequence();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    /** A tiny valid PNG whose header claims {@code w}×{@code h} pixels: a decompression bomb's signature. */
    static byte[] pngClaiming(int w, int h) {
        byte[] png = encode(halves(4, 4), "png");
        // IHDR data starts at 16: width, height; its CRC covers type + data (bytes 12..29) and sits at 29
        ByteBuffer b = ByteBuffer.wrap(png);
        b.putInt(16, w).putInt(20, h);
        CRC32 crc = new CRC32();
        crc.update(png, 12, 17);
        b.putInt(29, (int) crc.getValue());
        return png;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) out.writeBytes(p);
        return out.toByteArray();
    }
}
