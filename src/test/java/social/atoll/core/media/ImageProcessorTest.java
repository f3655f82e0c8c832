package social.atoll.core.media;

import static org.assertj.core.api.Assertions.assertThat;

import com.drew.imaging.ImageMetadataReader;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.GpsDirectory;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.junit.jupiter.api.Test;
import social.atoll.api.media.TestImages;

/**
 * The pipeline's outputs for images large enough to be scaled: scaled images are drawn into the decoder's byte
 * layout and the original is encoded on a second thread; sizes, colours, blurhash and stripped metadata stay as
 * they were.
 */
class ImageProcessorTest {

    private final ImageProcessor processor = new ImageProcessor();

    @Test
    void aLargePhonePhotoIsCappedKeepsItsColoursAndLosesItsGps() throws Exception {
        byte[] photo = TestImages.jpegWithExif(TestImages.halves(3600, 2700), 1);
        assertThat(metadata(photo).getFirstDirectoryOfType(GpsDirectory.class)).as("fixture has GPS").isNotNull();

        ImageProcessor.Result r = processor.process(photo);

        assertThat(r.original().format()).isEqualTo(ImageFormat.JPEG);
        assertThat((long) r.original().width() * r.original().height()).isLessThanOrEqualTo(ImageProcessor.ORIGINAL_MAX_PIXELS).isGreaterThan(8_000_000L);
        assertThat((long) r.small().width() * r.small().height()).isLessThanOrEqualTo(ImageProcessor.SMALL_MAX_PIXELS).isGreaterThan(220_000L);
        assertThat(r.blurhash()).hasSize(36);
        assertThat(r.animated()).isFalse();
        for (ImageProcessor.Encoded e : new ImageProcessor.Encoded[] {r.original(), r.small()}) {
            BufferedImage back = ImageIO.read(new ByteArrayInputStream(e.bytes()));
            assertThat(back.getWidth()).isEqualTo(e.width());
            assertThat(back.getHeight()).isEqualTo(e.height());
            assertRedLeftBlueRight(back);
            Metadata md = metadata(e.bytes());
            assertThat(md.getDirectoriesOfType(GpsDirectory.class)).isEmpty();
        }
    }

    @Test
    void scaledWebpAndTransparentPngKeepTheirFormatAndColours() throws Exception {
        byte[] webp = webp(TestImages.halves(900, 600));
        ImageProcessor.Result w = processor.process(webp);
        assertThat(w.original().format()).isEqualTo(ImageFormat.WEBP);
        assertThat(w.small().width()).isLessThan(900);
        assertRedLeftBlueRight(ImageIO.read(new ByteArrayInputStream(w.small().bytes())));

        BufferedImage translucent = new BufferedImage(900, 600, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = translucent.createGraphics();
        g.drawImage(TestImages.halves(900, 600), 0, 0, null);
        g.setComposite(java.awt.AlphaComposite.Clear);
        g.fillRect(0, 0, 900, 50); // a transparent band along the top
        g.dispose();
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(translucent, "png", png);
        ImageProcessor.Result p = processor.process(png.toByteArray());
        assertThat(p.small().format()).isEqualTo(ImageFormat.PNG);
        BufferedImage small = ImageIO.read(new ByteArrayInputStream(p.small().bytes()));
        assertThat(small.getWidth()).isLessThan(900);
        assertThat(small.getColorModel().hasAlpha()).isTrue();
        assertThat(new Color(small.getRGB(small.getWidth() / 2, 1), true).getAlpha()).isZero();
        assertRedLeftBlueRight(small);
    }

    private static void assertRedLeftBlueRight(BufferedImage img) {
        int y = img.getHeight() * 3 / 4;
        Color left = new Color(img.getRGB(img.getWidth() / 4, y));
        Color right = new Color(img.getRGB(img.getWidth() * 3 / 4, y));
        assertThat(left.getRed()).as("left is red").isGreaterThan(200);
        assertThat(left.getBlue()).as("left is red").isLessThan(60);
        assertThat(right.getBlue()).as("right is blue").isGreaterThan(200);
        assertThat(right.getRed()).as("right is blue").isLessThan(60);
    }

    private static byte[] webp(BufferedImage img) throws IOException {
        Iterator<ImageWriter> it = ImageIO.getImageWritersByFormatName("webp");
        ImageWriter w = it.next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
            w.setOutput(ios);
            w.write(img);
        } finally {
            w.dispose();
        }
        return out.toByteArray();
    }

    private static Metadata metadata(byte[] data) throws Exception {
        return ImageMetadataReader.readMetadata(new ByteArrayInputStream(data), data.length);
    }
}
