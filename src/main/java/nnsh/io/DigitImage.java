package nnsh.io;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

import nnsh.UserError;

/**
 * A picture of one digit, made to look like an MNIST image: grayscale, light ink on black, cropped
 * to the ink, scaled (area-averaging, aspect ratio kept) to fit a 20x20 box, and placed in a 28x28
 * field so that its center of mass is in the middle, which is how MNIST was prepared. For an 8x8
 * network the same steps run at 8/28 scale. Reads PNG, JPEG, GIF and BMP (javax.imageio) and PGM.
 */
public final class DigitImage {
    private DigitImage() {}

    public static final String EXTENSIONS = ".png, .jpg, .gif, .bmp or .pgm";
    static final long MAX_PIXELS = 64L << 20;

    /** Brightness 0 (black) to 1 (white), row-major. */
    public static final class Gray {
        public final int width;
        public final int height;
        public final double[] v;

        public Gray(int width, int height, double[] v) {
            this.width = width;
            this.height = height;
            this.v = v;
        }
    }

    /** The network's input, side x side, 0 (background) to 1 (ink), and how it was obtained. */
    public static final class Prepared {
        public final double[] pixels;
        public final int side;
        /** Whether the picture was dark ink on a light background (and so was inverted). */
        public final boolean inverted;
        public final int inkWidth;
        public final int inkHeight;

        Prepared(double[] pixels, int side, boolean inverted, int inkWidth, int inkHeight) {
            this.pixels = pixels;
            this.side = side;
            this.inverted = inverted;
            this.inkWidth = inkWidth;
            this.inkHeight = inkHeight;
        }
    }


    private static String kindOf(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        int dot = n.lastIndexOf('.');
        String ext = dot < 0 ? "" : n.substring(dot + 1);
        switch (ext) {
            case "jpg": case "jpeg": return "a JPEG image";
            case "pgm": case "pnm": return "a PGM image";
            case "png": case "gif": case "bmp": return "a " + ext.toUpperCase(Locale.ROOT) + " image";
            default: return "an image";
        }
    }

    // ------------------------------------------------------------------ reading

    public static Gray read(Path file) {
        UserFiles.checkFile(file, "an image file (" + EXTENSIONS + ")");
        byte[] bytes = UserFiles.readAll(file, "too large for a picture");
        return netpbm(bytes) ? readPgm(bytes, file.toString()) : readImageIo(file, bytes);
    }

    /** Starts like a PBM, PGM or PPM file (P1 to P6). */
    private static boolean netpbm(byte[] b) {
        return b.length >= 2 && b[0] == 'P' && b[1] >= '1' && b[1] <= '6';
    }

    private static Gray readImageIo(Path file, byte[] bytes) {
        String expected = kindOf(file.getFileName().toString());
        try (ImageInputStream iis = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(iis);
            if (!readers.hasNext()) {
                byte[] head = Arrays.copyOf(bytes, Math.min(16, bytes.length));
                throw new UserError(file + ": not " + expected + " (" + FileKind.describe(head) + "); expected " + EXTENSIONS);
            }
            ImageReader r = readers.next();
            try {
                r.setInput(iis, true, true);
                long w = r.getWidth(0), h = r.getHeight(0);
                if (w < 1 || h < 1 || w * h > MAX_PIXELS) {
                    throw new UserError(file + ": " + w + "x" + h + " pixels; expected a picture of at most " + (MAX_PIXELS >> 20) + " megapixels");
                }
                return fromImage(r.read(0));
            } finally {
                r.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof UserError) throw (UserError) e;
            throw new UserError(file + ": cannot decode " + expected + " (" + UserFiles.reason(e)
                    + "); the file is damaged or not what its name says");
        }
    }

    /** Brightness of a decoded image; transparent parts count as white paper. */
    public static Gray fromImage(BufferedImage img) {
        int w = img.getWidth(), h = img.getHeight();
        double[] v = new double[w * h];
        int type = img.getType();
        if (type == BufferedImage.TYPE_BYTE_GRAY || type == BufferedImage.TYPE_USHORT_GRAY) {
            Raster r = img.getRaster();
            double max = type == BufferedImage.TYPE_BYTE_GRAY ? 255 : 65535;
            for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) v[y * w + x] = r.getSample(x, y, 0) / max;
            return new Gray(w, h, v);
        }
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int argb = img.getRGB(x, y);
                double a = (argb >>> 24) / 255.0;
                double luma = (0.299 * ((argb >> 16) & 0xFF) + 0.587 * ((argb >> 8) & 0xFF) + 0.114 * (argb & 0xFF)) / 255.0;
                v[y * w + x] = a * luma + (1 - a);
            }
        }
        return new Gray(w, h, v);
    }

    /** PGM, plain (P2) or raw (P5), 8 or 16 bits a sample, '#' comments in the header. */
    public static Gray readPgm(byte[] b, String name) {
        String p = name + ": ";
        if (!netpbm(b)) {
            throw new UserError(p + "not a grayscale PGM (" + FileKind.describe(b) + "); expected a file starting P2 or P5");
        }
        if (b[1] != '2' && b[1] != '5') {
            throw new UserError(p + "a P" + (char) b[1] + " " + (b[1] == '3' || b[1] == '6' ? "color PPM" : "bitmap PBM")
                    + " file; expected a grayscale PGM (P2 or P5), or a PNG");
        }
        int[] pos = {2};
        boolean plain = b[1] == '2';
        long w = pgmNumber(b, pos, p, "the width"), h = pgmNumber(b, pos, p, "the height"), max = pgmNumber(b, pos, p, "the maximum value");
        if (w < 1 || h < 1 || w * h > MAX_PIXELS) throw new UserError(p + "PGM of " + w + "x" + h + " pixels; expected 1 to " + (MAX_PIXELS >> 20) + " megapixels");
        if (max < 1 || max > 65535) throw new UserError(p + "PGM maximum value " + max + "; expected 1 to 65535");
        int n = (int) (w * h);
        double[] v = new double[n];
        if (plain) {
            for (int i = 0; i < n; i++) {
                long s = pgmNumber(b, pos, p, "pixel " + i + " of " + n);
                if (s > max) throw new UserError(p + "pixel " + i + " is " + s + "; expected 0 to " + max);
                v[i] = s / (double) max;
            }
        } else {
            int at = pos[0] + 1; // exactly one whitespace after the maximum value
            int bytesPer = max > 255 ? 2 : 1;
            long need = (long) n * bytesPer;
            if (at + need > b.length) {
                throw new UserError(p + "truncated: a " + w + "x" + h + " PGM needs " + need + " bytes of pixels, the file has " + Math.max(0, b.length - at));
            }
            for (int i = 0; i < n; i++) {
                int s = bytesPer == 1 ? b[at + i] & 0xFF : ((b[at + 2 * i] & 0xFF) << 8) | (b[at + 2 * i + 1] & 0xFF);
                if (s > max) throw new UserError(p + "pixel " + i + " is " + s + "; expected 0 to " + max);
                v[i] = s / (double) max;
            }
        }
        return new Gray((int) w, (int) h, v);
    }

    private static long pgmNumber(byte[] b, int[] pos, String p, String what) {
        int i = pos[0];
        while (i < b.length) {
            if (b[i] == '#') {
                while (i < b.length && b[i] != '\n' && b[i] != '\r') i++;
            } else if (Character.isWhitespace(b[i])) {
                i++;
            } else {
                break;
            }
        }
        int start = i;
        long v = 0;
        while (i < b.length && b[i] >= '0' && b[i] <= '9' && i - start < 10) v = v * 10 + (b[i++] - '0');
        if (i == start) {
            String got = i >= b.length ? "the end of the file" : "'" + FileKind.printable(new String(b, i, Math.min(8, b.length - i), StandardCharsets.ISO_8859_1).split("\\s")[0]) + "'";
            throw new UserError(p + "PGM: expected " + what + " (a number), found " + got);
        }
        pos[0] = i;
        return v;
    }

    // ------------------------------------------------------------------ preparing

    /** The MNIST preparation into side x side (28: ink in a 20x20 box; 8: a 6x6 box). */
    public static Prepared prepare(Gray g, int side) {
        int w = g.width, h = g.height;
        // Dark ink on light paper (the usual drawing or photo) is inverted to MNIST's light on dark.
        double border = 0;
        int nb = 0;
        for (int x = 0; x < w; x++) {
            border += g.v[x] + g.v[(h - 1) * w + x];
            nb += 2;
        }
        for (int y = 1; y < h - 1; y++) {
            border += g.v[y * w] + g.v[y * w + w - 1];
            nb += 2;
        }
        border /= nb;
        boolean invert = border > 0.5;
        double[] ink = new double[w * h];
        double bg = invert ? 1 - border : border, max = 0;
        for (int i = 0; i < ink.length; i++) {
            ink[i] = invert ? 1 - g.v[i] : g.v[i];
            max = Math.max(max, ink[i]);
        }
        if (max - bg < 0.1) throw new UserError("no digit found: the picture is all one shade; expected a dark digit on light paper or a light one on dark");
        // Background to 0, strongest ink to 1 (photos of paper are gray, not white).
        double lo = Math.min(bg, max - 0.1), scale = 1 / (max - lo);
        for (int i = 0; i < ink.length; i++) ink[i] = Math.max(0, Math.min(1, (ink[i] - lo) * scale));
        // The ink's bounding box.
        int x0 = w, y0 = h, x1 = -1, y1 = -1;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (ink[y * w + x] > 0.2) {
                    x0 = Math.min(x0, x);
                    x1 = Math.max(x1, x);
                    y0 = Math.min(y0, y);
                    y1 = Math.max(y1, y);
                }
            }
        }
        if (x1 < 0) throw new UserError("no digit found: no ink stands out from the background");
        int cw = x1 - x0 + 1, ch = y1 - y0 + 1;
        double[] crop = new double[cw * ch];
        for (int y = 0; y < ch; y++) System.arraycopy(ink, (y0 + y) * w + x0, crop, y * cw, cw);
        // Fit the longer side to the box, keeping the aspect ratio.
        int box = Math.max(1, (int) Math.round(side * 20.0 / 28.0));
        int tw, th;
        if (cw >= ch) {
            tw = box;
            th = Math.max(1, (int) Math.round((double) ch * box / cw));
        } else {
            th = box;
            tw = Math.max(1, (int) Math.round((double) cw * box / ch));
        }
        double[] small = resize(crop, cw, ch, tw, th);
        // Center of mass to the middle of the field.
        double mass = 0, mx = 0, my = 0;
        for (int y = 0; y < th; y++) {
            for (int x = 0; x < tw; x++) {
                double m = small[y * tw + x];
                mass += m;
                mx += m * (x + 0.5);
                my += m * (y + 0.5);
            }
        }
        int ox = (int) Math.round(side / 2.0 - mx / mass), oy = (int) Math.round(side / 2.0 - my / mass);
        ox = Math.max(0, Math.min(side - tw, ox));
        oy = Math.max(0, Math.min(side - th, oy));
        double[] out = new double[side * side];
        for (int y = 0; y < th; y++) System.arraycopy(small, y * tw, out, (oy + y) * side + ox, tw);
        return new Prepared(out, side, invert, cw, ch);
    }

    /** Area-averaging resize: each target pixel is the mean of the source area it covers. */
    static double[] resize(double[] src, int sw, int sh, int tw, int th) {
        double[] tmp = new double[sh * tw];
        for (int y = 0; y < sh; y++) {
            for (int tx = 0; tx < tw; tx++) tmp[y * tw + tx] = average(src, y * sw, 1, (double) tx * sw / tw, (double) (tx + 1) * sw / tw);
        }
        double[] out = new double[th * tw];
        for (int x = 0; x < tw; x++) {
            for (int ty = 0; ty < th; ty++) out[ty * tw + x] = average(tmp, x, tw, (double) ty * sh / th, (double) (ty + 1) * sh / th);
        }
        return out;
    }

    /** Mean over the interval [a, b) of the samples v[off + i * stride], each covering [i, i + 1). */
    private static double average(double[] v, int off, int stride, double a, double b) {
        double s = 0;
        for (int i = (int) Math.floor(a); i < b; i++) {
            double cover = Math.min(b, i + 1) - Math.max(a, i);
            if (cover > 0) s += v[off + i * stride] * cover;
        }
        return s / (b - a);
    }
}
