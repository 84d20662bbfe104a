package nnsh.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import nnsh.UserError;

class DigitImageTest {
    @TempDir
    Path dir;

    static {
        System.setProperty("java.awt.headless", "true");
    }

    /** A digit drawn as a user would: black on white, not centered, not MNIST-sized. */
    static BufferedImage drawn(String digit, String font, int style, int w, int h, boolean lightOnDark) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(lightOnDark ? Color.BLACK : Color.WHITE);
        g.fillRect(0, 0, w, h);
        g.setColor(lightOnDark ? Color.WHITE : Color.BLACK);
        g.setFont(new Font(font, style, h * 3 / 4));
        FontMetrics fm = g.getFontMetrics();
        g.drawString(digit, w / 3 - fm.stringWidth(digit) / 2, h / 2 + fm.getAscent() / 3 + 7);
        g.dispose();
        return img;
    }

    @Test
    void preparesLikeMnist() {
        // A dark bar on light paper, off-center: inverted, cropped, 20 high, centered by mass.
        BufferedImage img = new BufferedImage(100, 60, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 100, 60);
        g.setColor(Color.BLACK);
        g.fillRect(5, 5, 10, 40);
        g.dispose();
        DigitImage.Prepared p = DigitImage.prepare(DigitImage.fromImage(img), 28);
        assertTrue(p.inverted);
        assertEquals(10, p.inkWidth);
        assertEquals(40, p.inkHeight);
        int rows = 0, cols = 0;
        double mass = 0, mx = 0, my = 0;
        for (int y = 0; y < 28; y++) {
            boolean any = false;
            for (int x = 0; x < 28; x++) {
                double v = p.pixels[y * 28 + x];
                assertTrue(v >= 0 && v <= 1);
                if (v > 0) any = true;
                mass += v;
                mx += v * (x + 0.5);
                my += v * (y + 0.5);
            }
            if (any) rows++;
        }
        for (int x = 0; x < 28; x++) {
            for (int y = 0; y < 28; y++) {
                if (p.pixels[y * 28 + x] > 0) {
                    cols++;
                    break;
                }
            }
        }
        assertEquals(20, rows);
        assertEquals(5, cols);
        assertEquals(14, mx / mass, 0.51);
        assertEquals(14, my / mass, 0.51);
        // Light on dark is kept; 8x8 uses a 6x6 box.
        DigitImage.Prepared q = DigitImage.prepare(DigitImage.fromImage(drawn("7", Font.SANS_SERIF, Font.PLAIN, 80, 80, true)), 8);
        assertFalse(q.inverted);
        assertEquals(64, q.pixels.length);
        int inkRows = 0;
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
                if (q.pixels[y * 8 + x] > 0) {
                    inkRows++;
                    break;
                }
            }
        }
        assertEquals(6, inkRows);
        UserError e = org.junit.jupiter.api.Assertions.assertThrows(UserError.class,
                () -> DigitImage.prepare(new DigitImage.Gray(5, 5, new double[25]), 28));
        assertTrue(e.getMessage().startsWith("no digit found"));
    }

    @Test
    void readsPgmPlainAndRaw() {
        String p2 = "P2\n# comment\n3 2\n# another\n15\n0 5 15\n15 10 0\n";
        DigitImage.Gray a = DigitImage.readPgm(p2.getBytes(StandardCharsets.US_ASCII), "a.pgm");
        assertEquals(3, a.width);
        assertEquals(2, a.height);
        assertEquals(1.0 / 3, a.v[1], 1e-15);
        assertEquals(1.0, a.v[3]);
        byte[] p5 = "P5 2 1 65535\n".getBytes(StandardCharsets.US_ASCII);
        byte[] f = java.util.Arrays.copyOf(p5, p5.length + 4);
        f[p5.length] = (byte) 0xFF;
        f[p5.length + 1] = (byte) 0xFF;
        f[p5.length + 3] = 1;
        DigitImage.Gray b = DigitImage.readPgm(f, "b.pgm");
        assertEquals(1.0, b.v[0]);
        assertEquals(1.0 / 65535, b.v[1]);
    }

    @Test
    void badPicturesGiveOneLine() throws Exception {
        try (TestShell t = new TestShell()) {
            t.run("init 784-10");
            Path png = dir.resolve("d.png");
            ImageIO.write(drawn("3", Font.SERIF, Font.BOLD, 64, 64, false), "png", png.toFile());
            assertTrue(t.run("predict " + png).contains("dark ink on light (inverted)"));
            byte[] good = Files.readAllBytes(png);
            Path cut = dir.resolve("cut.png");
            Files.write(cut, java.util.Arrays.copyOf(good, good.length / 2));
            assertTrue(t.fail("predict " + cut).startsWith(cut + ": cannot decode a PNG image"));
            Path text = dir.resolve("text.jpg");
            Files.writeString(text, "not a picture\n");
            assertEquals(text + ": not a JPEG image (it is text, starting 'not a picture'); expected .png, .jpg, .gif, .bmp or .pgm",
                    t.fail("predict " + text));
            Path npy = dir.resolve("w.png");
            Files.write(npy, Npy.encode(new double[4], 2, 2));
            assertTrue(t.fail("predict " + npy).contains("not a PNG image (it is a NumPy .npy file)"));
            Path p5 = dir.resolve("t.pgm");
            Files.write(p5, "P5\n10 10\n255\nabc".getBytes(StandardCharsets.US_ASCII));
            assertTrue(t.fail("predict " + p5).contains("truncated: a 10x10 PGM needs 100 bytes of pixels, the file has 3"));
            Files.writeString(p5, "P2\n2 2\n255\n1 2 x 4\n");
            assertTrue(t.fail("predict " + p5).contains("PGM: expected pixel 2 of 4 (a number), found 'x'"));
            Files.writeString(p5, "P2\n2 2\n255\n1 2 300 4\n");
            assertTrue(t.fail("predict " + p5).contains("pixel 2 is 300; expected 0 to 255"));
            Files.writeString(p5, "P6\n2 2\n255\n");
            assertTrue(t.fail("predict " + p5).contains("a P6 color PPM file; expected a grayscale PGM"));
            Path blank = dir.resolve("blank.png");
            ImageIO.write(new BufferedImage(30, 30, BufferedImage.TYPE_BYTE_GRAY), "png", blank.toFile());
            assertTrue(t.fail("predict " + blank).startsWith(blank + ": no digit found"));
            assertTrue(t.fail("predict nothere.png").contains("no such file; expected an image index or a picture"));
            assertTrue(t.fail("predict " + dir).contains("is a directory"));
        }
    }

    private static final Pattern PREDICTED = Pattern.compile(": predicted (\\d) \\(");

    /** Pen strokes for each digit in a unit box (x right, y down), as a hand would write them. */
    static java.awt.Shape strokes(int d) {
        java.awt.geom.Path2D.Double p = new java.awt.geom.Path2D.Double();
        switch (d) {
            case 0: return new java.awt.geom.Ellipse2D.Double(0.1, 0, 0.8, 1);
            case 1: p.moveTo(0.45, 0); p.lineTo(0.5, 1); break;
            case 2: p.moveTo(0.15, 0.25); p.quadTo(0.5, -0.1, 0.85, 0.3); p.quadTo(0.6, 0.6, 0.1, 1.0); p.lineTo(0.9, 1.0); break;
            case 3: p.moveTo(0.15, 0.1); p.quadTo(0.9, -0.05, 0.8, 0.28); p.quadTo(0.7, 0.5, 0.4, 0.5);
                p.quadTo(0.95, 0.55, 0.85, 0.8); p.quadTo(0.7, 1.05, 0.1, 0.9); break;
            case 4: p.moveTo(0.6, 0); p.lineTo(0.1, 0.65); p.lineTo(0.9, 0.65); p.moveTo(0.65, 0.35); p.lineTo(0.65, 1.0); break;
            case 5: p.moveTo(0.85, 0); p.lineTo(0.25, 0); p.lineTo(0.2, 0.45); p.quadTo(0.9, 0.3, 0.85, 0.75); p.quadTo(0.7, 1.05, 0.1, 0.9); break;
            case 6: p.moveTo(0.75, 0); p.quadTo(0.1, 0.4, 0.2, 0.8); p.quadTo(0.4, 1.05, 0.7, 0.9); p.quadTo(0.9, 0.6, 0.55, 0.5);
                p.quadTo(0.3, 0.5, 0.2, 0.7); break;
            case 7: p.moveTo(0.1, 0); p.lineTo(0.9, 0); p.lineTo(0.35, 1.0); break;
            case 8: p.append(new java.awt.geom.Ellipse2D.Double(0.22, 0, 0.56, 0.45), false);
                p.append(new java.awt.geom.Ellipse2D.Double(0.15, 0.45, 0.7, 0.55), false); break;
            case 9: p.append(new java.awt.geom.Ellipse2D.Double(0.15, 0, 0.7, 0.5), false); p.moveTo(0.85, 0.25); p.lineTo(0.75, 1.0); break;
            default: throw new IllegalArgumentException();
        }
        return p;
    }

    /** A digit written with a pen: black on white, in a corner, at a slant. */
    static BufferedImage written(int d, double width, double slant, int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        g.setColor(Color.BLACK);
        double size = h * 0.6;
        java.awt.geom.AffineTransform t = new java.awt.geom.AffineTransform();
        t.translate(w * 0.2, h * 0.15);
        t.shear(-slant, 0);
        t.translate(slant * size, 0);
        t.scale(size * 0.7, size);
        g.setStroke(new BasicStroke((float) (size * width), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(t.createTransformedShape(strokes(d)));
        g.dispose();
        return img;
    }

    /**
     * Digits written with pen strokes and typeset in two fonts, saved as PNG files, read through
     * 'predict FILE' by a network trained on MNIST here. Typeset digits are not handwriting, so not
     * all of them are read right; most of all the pictures must be.
     */
    @Test
    void readsDigitsDrawnWithJava2d() throws Exception {
        int total = 0, right = 0;
        java.util.Map<String, Integer> rightBy = new java.util.LinkedHashMap<>();
        StringBuilder wrong = new StringBuilder();
        try (TestShell t = new TestShell()) {
            t.run("load mnist; init 784-100-10 --seed 3; optimizer adam; set batch 128; train --epochs 2 -q");
            for (String kind : new String[] {"pen", "pen-slanted", "sans", "serif-bold"}) {
                for (int d = 0; d <= 9; d++) {
                    BufferedImage img;
                    switch (kind) {
                        case "pen": img = written(d, 0.1, 0, 120 + 5 * d, 140); break;
                        case "pen-slanted": img = written(d, 0.14, 0.25, 160, 120 + 4 * d); break;
                        case "sans": img = drawn(Integer.toString(d), Font.SANS_SERIF, Font.PLAIN, 120 + 10 * d, 150, d % 3 == 0); break;
                        default: img = drawn(Integer.toString(d), Font.SERIF, Font.BOLD, 150, 150, false); break;
                    }
                    Path png = dir.resolve(kind + "-" + d + ".png");
                    ImageIO.write(img, "png", png.toFile());
                    String out = t.run("predict " + png);
                    Matcher m = PREDICTED.matcher(out);
                    assertTrue(m.find(), out);
                    total++;
                    int p = Integer.parseInt(m.group(1));
                    if (p == d) {
                        right++;
                        rightBy.merge(kind, 1, Integer::sum);
                    } else {
                        wrong.append(' ').append(kind).append(':').append(d).append("->").append(p);
                    }
                }
            }
        }
        System.out.println("DigitImageTest: " + right + " of " + total + " drawn digits read right " + rightBy + "; wrong:" + wrong);
        assertTrue(right * 10 >= total * 6, right + " of " + total + " right; wrong:" + wrong);
        int pen = rightBy.getOrDefault("pen", 0) + rightBy.getOrDefault("pen-slanted", 0);
        assertTrue(pen >= 15, pen + " of 20 pen-written digits right; wrong:" + wrong);
    }
}
