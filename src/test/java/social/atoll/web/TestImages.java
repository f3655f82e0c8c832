package social.atoll.web;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** A real photo-like PNG made in the test (a gradient with a sun), for uploads through the web forms. */
final class TestImages {

    private TestImages() {}

    static byte[] png(int width, int height) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        var g = img.createGraphics();
        g.setPaint(new GradientPaint(0, 0, new Color(0x1a6480), 0, height, new Color(0xf2c14e)));
        g.fillRect(0, 0, width, height);
        g.setColor(new Color(0xfff3c4));
        g.fillOval(width / 2 - height / 6, height / 3, height / 3, height / 3);
        g.setColor(new Color(0x0b3a4a));
        g.fillRect(0, height * 3 / 4, width, height / 4);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The PNG written to a file under target/, for a browser's file input. */
    static Path pngFile(String name, int width, int height) {
        try {
            Path dir = Files.createDirectories(Path.of("target", "test-images"));
            Path f = dir.resolve(name).toAbsolutePath();
            Files.write(f, png(width, height));
            return f;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
