package nnsh.render;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleToIntFunction;

/**
 * Grayscale images (pixels in [0,1], 1 = ink, row-major) as text. Three modes:
 * <ul>
 *   <li>{@link Mode#ASCII}: a 10-step ramp, two characters per pixel so the image looks square;</li>
 *   <li>{@link Mode#BLOCKS}: half blocks and shades, two pixel rows per text row, no color;</li>
 *   <li>{@link Mode#GRAY256}: "▀" with foreground = upper pixel and background = lower
 *       pixel from the 24-step gray ramp (colors 232-255), reset at each line end.</li>
 * </ul>
 * Small images (8x8) are scaled up; images wider than the terminal are scaled down by
 * area averaging. Values outside [0,1] are clamped, NaN is drawn as blank.
 */
public final class Images {
    private Images() {}

    public enum Mode { ASCII, BLOCKS, GRAY256 }

    /** Dark to bright; pixel value 1 (ink) is '@'. */
    public static final String ASCII_RAMP = " .:-=+*#%@";
    private static final String SHADES = " ░▒▓█";

    /**
     * One image with its caption data. {@code label} or {@code predicted} may be -1 when
     * unknown; {@code caption}, when not null, replaces the generated caption.
     */
    public record Tile(double[] pixels, int offset, int label, int predicted, String caption) {
        public static Tile of(double[] pixels, int offset, int label, int predicted) {
            return new Tile(pixels, offset, label, predicted, null);
        }

        public static Tile captioned(double[] pixels, int offset, String caption) {
            return new Tile(pixels, offset, -1, -1, caption);
        }

        public boolean wrong() {
            return label >= 0 && predicted >= 0 && label != predicted;
        }
    }

    /** Best mode the style supports. */
    public static Mode choose(Style style) {
        if (!style.unicode()) return Mode.ASCII;
        return style.colored() ? Mode.GRAY256 : Mode.BLOCKS;
    }

    /** One image with the best mode for the style, fitted to its width. */
    public static String render(double[] pixels, int offset, int w, int h, Style style) {
        return render(pixels, offset, w, h, choose(style), style.width());
    }

    /** One image in an explicit mode, fitted to {@code maxColumns}. */
    public static String render(double[] pixels, int offset, int w, int h, Mode mode, int maxColumns) {
        List<String> l = lines(pixels, offset, w, h, mode, maxColumns);
        l.replaceAll(Text::stripTrailing);
        return Text.join(l);
    }

    /** Text columns one pixel takes in the mode. */
    static int columnsPerPixel(Mode mode) {
        return mode == Mode.ASCII ? 2 : 1;
    }

    /** Target size in pixels: small images scaled up to about 16 px, shrunk to fit the columns. */
    static int[] fit(int w, int h, Mode mode, int maxColumns) {
        int k = Math.max(1, 16 / Math.max(w, h));
        int tw = w * k, th = h * k;
        int cpp = columnsPerPixel(mode);
        if (tw * cpp > maxColumns) {
            int nw = Math.max(1, maxColumns / cpp);
            th = Math.max(1, (int) Math.round((double) th * nw / tw));
            tw = nw;
        }
        return new int[] {tw, th};
    }

    /** The image as text lines in the given mode. */
    public static List<String> lines(double[] pixels, int offset, int w, int h, Mode mode, int maxColumns) {
        if (w <= 0 || h <= 0) throw new IllegalArgumentException("image size " + w + "x" + h);
        if (offset < 0 || offset + (long) w * h > pixels.length) {
            throw new IllegalArgumentException("image " + w + "x" + h + " at offset " + offset
                    + " does not fit in " + pixels.length + " values");
        }
        int[] t = fit(w, h, mode, maxColumns);
        double[] img = resample(pixels, offset, w, h, t[0], t[1]);
        return switch (mode) {
            case ASCII -> ascii(img, t[0], t[1]);
            case BLOCKS -> blocks(img, t[0], t[1]);
            case GRAY256 -> gray(img, t[0], t[1]);
        };
    }

    /** Area-average resampling to tw x th (works both for enlarging and shrinking), pixels clamped to [0, 1]. */
    static double[] resample(double[] px, int off, int w, int h, int tw, int th) {
        return resample(px, off, w, h, tw, th, Images::clamp);
    }

    /**
     * Area-average resampling to tw x th of the values f(px): each target cell is the mean of the
     * source pixels it covers, weighted by the covered area.
     */
    static double[] resample(double[] px, int off, int w, int h, int tw, int th, java.util.function.DoubleUnaryOperator f) {
        double[] out = new double[tw * th];
        if (tw == w && th == h) {
            for (int i = 0; i < w * h; i++) out[i] = f.applyAsDouble(px[off + i]);
            return out;
        }
        double sx = (double) w / tw, sy = (double) h / th;
        for (int ty = 0; ty < th; ty++) {
            double y0 = ty * sy, y1 = y0 + sy;
            for (int tx = 0; tx < tw; tx++) {
                double x0 = tx * sx, x1 = x0 + sx;
                double sum = 0, area = 0;
                for (int y = (int) y0; y < Math.min(h, Math.ceil(y1)); y++) {
                    double fy = Math.min(y1, y + 1) - Math.max(y0, y);
                    for (int x = (int) x0; x < Math.min(w, Math.ceil(x1)); x++) {
                        double fx = Math.min(x1, x + 1) - Math.max(x0, x);
                        double a = fx * fy;
                        if (a <= 0) continue;
                        sum += a * f.applyAsDouble(px[off + y * w + x]);
                        area += a;
                    }
                }
                out[ty * tw + tx] = area > 0 ? sum / area : 0;
            }
        }
        return out;
    }

    private static double clamp(double v) {
        if (Double.isNaN(v)) return 0;
        return v < 0 ? 0 : (v > 1 ? 1 : v);
    }

    private static List<String> ascii(double[] img, int w, int h) {
        List<String> out = new ArrayList<>(h);
        int n = ASCII_RAMP.length();
        for (int y = 0; y < h; y++) {
            StringBuilder b = new StringBuilder(2 * w);
            for (int x = 0; x < w; x++) {
                char c = ASCII_RAMP.charAt((int) Math.min(n - 1, Math.round(img[y * w + x] * (n - 1))));
                b.append(c).append(c);
            }
            out.add(b.toString());
        }
        return padRows(out, 2 * w);
    }

    private static List<String> blocks(double[] img, int w, int h) {
        List<String> out = new ArrayList<>((h + 1) / 2);
        for (int y = 0; y < h; y += 2) {
            StringBuilder b = new StringBuilder(w);
            for (int x = 0; x < w; x++) {
                int up = (int) Math.round(img[y * w + x] * 4);
                int lo = y + 1 < h ? (int) Math.round(img[(y + 1) * w + x] * 4) : 0;
                if (Math.abs(up - lo) <= 1) {
                    b.append(SHADES.charAt((up + lo + 1) / 2));
                } else {
                    b.append(up > lo ? '▀' : '▄');
                }
            }
            out.add(b.toString());
        }
        return padRows(out, w);
    }

    private static int grayColor(double v) {
        return 232 + (int) Math.round(v * 23);
    }

    private static List<String> gray(double[] img, int w, int h) {
        return halfBlocks(img, w, h, Images::grayColor, 232);
    }

    /**
     * Two pixel rows per text row as "▀": foreground = color of the upper pixel, background =
     * color of the lower one ({@code pad} below an odd last row). An escape is written only when
     * the color changes; each line ends with a reset.
     */
    static List<String> halfBlocks(double[] img, int w, int h, DoubleToIntFunction color, int pad) {
        List<String> out = new ArrayList<>((h + 1) / 2);
        for (int y = 0; y < h; y += 2) {
            StringBuilder b = new StringBuilder(w * 8);
            int lastFg = -1, lastBg = -1;
            for (int x = 0; x < w; x++) {
                int f = color.applyAsInt(img[y * w + x]);
                int g = y + 1 < h ? color.applyAsInt(img[(y + 1) * w + x]) : pad;
                if (f != lastFg) b.append(Text.fg(f));
                if (g != lastBg) b.append(Text.bg(g));
                lastFg = f;
                lastBg = g;
                b.append('▀');
            }
            b.append(Text.RESET);
            out.add(b.toString());
        }
        return out;
    }

    /** Trailing blanks matter for alignment of side-by-side images; keep all rows equal width. */
    private static List<String> padRows(List<String> rows, int width) {
        rows.replaceAll(r -> Text.padRight(r, width));
        return rows;
    }

    /** Caption for a tile, e.g. "label 7  pred 1 ✗", shortened to "7→1 ✗" when narrow. */
    static String caption(Tile t, int width, Style style) {
        if (t.caption() != null) return Text.truncate(t.caption(), width, style.unicode());
        String mark = t.wrong() ? (style.unicode() ? " ✗" : " x") : "";
        String arrow = style.unicode() ? "→" : ">";
        List<String> options = new ArrayList<>();
        if (t.label() >= 0 && t.predicted() >= 0) {
            options.add("label " + t.label() + "  pred " + t.predicted() + mark);
            options.add("label " + t.label() + " pred " + t.predicted() + mark);
            options.add(t.label() + arrow + t.predicted() + mark);
        } else if (t.label() >= 0) {
            options.add("label " + t.label());
            options.add(String.valueOf(t.label()));
        } else if (t.predicted() >= 0) {
            options.add("pred " + t.predicted());
            options.add("?" + arrow + t.predicted());
        } else {
            return "";
        }
        for (String o : options) {
            if (Text.displayWidth(o) <= width) return o;
        }
        return Text.truncate(options.get(options.size() - 1), width, style.unicode());
    }

    /**
     * Several w x h images side by side with captions under each, wrapping to more rows
     * of images when they do not fit the terminal width. Wrong predictions are marked
     * ✗ (x in ASCII) and drawn red in color mode.
     */
    public static String grid(List<Tile> tiles, int w, int h, Style style) {
        if (tiles.isEmpty()) return "(no images)";
        Mode mode = choose(style);
        List<List<String>> blocks = new ArrayList<>();
        for (Tile t : tiles) {
            List<String> img = new ArrayList<>(lines(t.pixels(), t.offset(), w, h, mode, style.width()));
            int iw = Text.displayWidth(img.get(0));
            String cap = caption(t, iw, style);
            String centered = Text.center(cap, iw);
            img.add(t.wrong() ? Text.paint(centered, 203, style) : centered);
            blocks.add(img);
        }
        return Text.join(Text.flow(blocks, 2, style.width()));
    }
}
