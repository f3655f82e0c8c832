package social.atoll.api.instance;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/**
 * The images every server must have before anyone uploads one: the default avatar and header that accounts without
 * their own point at (clients need a real image URL, never null), and the instance thumbnail and icons. Drawn once
 * with Java2D (shapes only, so no fonts are needed on a headless host) and kept as PNG bytes. Each is drawn on its
 * first request, not at start: drawing and PNG-encoding the five took about a quarter of a second of the server's
 * start and a few megabytes of heap that an idle server never needs.
 */
final class DefaultImages {

    static final String AVATAR_PATH = "/avatars/original/missing.png";
    static final String HEADER_PATH = "/headers/original/missing.png";
    static final String THUMBNAIL_PATH = "/instance/thumbnail.png";
    static final int ICON_SMALL = 192;
    static final int ICON_LARGE = 512;

    private static final Color OCEAN_LIGHT = new Color(0x4FB3D9);
    private static final Color OCEAN_DEEP = new Color(0x1D5F8A);
    private static final Color REEF = new Color(0xF2E3B3);
    private static final Color LAGOON = new Color(0x8FD9E8);

    final Drawn avatar = new Drawn(() -> png(avatar(400)));
    final Drawn header = new Drawn(() -> png(solid(1500, 500, new Color(0xC9D3DD))));
    final Drawn thumbnail = new Drawn(() -> png(atoll(1200, 630)));
    final Drawn iconSmall = new Drawn(() -> png(atoll(ICON_SMALL, ICON_SMALL)));
    final Drawn iconLarge = new Drawn(() -> png(atoll(ICON_LARGE, ICON_LARGE)));

    /** One image's PNG bytes, drawn once on first use (two first requests at once may both draw: same bytes). */
    static final class Drawn {
        private final java.util.function.Supplier<byte[]> draw;
        private volatile byte[] bytes;

        Drawn(java.util.function.Supplier<byte[]> draw) { this.draw = draw; }

        byte[] bytes() {
            byte[] b = bytes;
            if (b == null) bytes = b = draw.get();
            return b;
        }
    }

    static String iconPath(int size) { return "/instance/icon-" + size + ".png"; }

    /** A grey head-and-shoulders silhouette, like the default avatars people recognise. */
    private static BufferedImage avatar(int size) {
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = graphics(img);
        g.setColor(new Color(0xD9E1E8));
        g.fillRect(0, 0, size, size);
        g.setColor(new Color(0x9BAEC8));
        double head = size * 0.36;
        g.fill(new Ellipse2D.Double((size - head) / 2, size * 0.18, head, head));
        double body = size * 0.72;
        g.fill(new Ellipse2D.Double((size - body) / 2, size * 0.60, body, size * 0.62));
        g.dispose();
        return img;
    }

    private static BufferedImage solid(int w, int h, Color c) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = graphics(img);
        g.setColor(c);
        g.fillRect(0, 0, w, h);
        g.dispose();
        return img;
    }

    /** An atoll seen from above: a ring of reef around a lagoon, in a deepening ocean. */
    private static BufferedImage atoll(int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = graphics(img);
        g.setPaint(new GradientPaint(0, 0, OCEAN_LIGHT, 0, h, OCEAN_DEEP));
        g.fillRect(0, 0, w, h);
        double d = Math.min(w, h) * 0.62;
        double x = (w - d) / 2;
        double y = (h - d) / 2;
        g.setColor(LAGOON);
        g.fill(new Ellipse2D.Double(x, y, d, d));
        g.setColor(REEF);
        g.setStroke(new BasicStroke((float) (d * 0.09), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(new Ellipse2D.Double(x, y, d, d));
        g.dispose();
        return img;
    }

    private static Graphics2D graphics(BufferedImage img) {
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        return g;
    }

    private static byte[] png(BufferedImage img) {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            if (!ImageIO.write(img, "png", out)) throw new IllegalStateException("no PNG writer");
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
