package nnsh.render;

import java.util.ArrayList;
import java.util.List;

/**
 * One hidden unit's incoming weights drawn as an image on a diverging, symmetric scale
 * around 0 (from -max|w| to +max|w|), plus a legend line giving the scale. Sign is visible
 * without color:
 * <ul>
 *   <li>ASCII: positive {@code ' + #}, negative {@code , - =} (weak to strong), two
 *       characters per weight; in color these are also red / blue;</li>
 *   <li>Unicode without color: positive in solid shades {@code ░ ▒ █}, negative in Braille
 *       dots {@code ⠒ ⠶ ⣿};</li>
 *   <li>Unicode with 256 colors: half blocks, red for positive, blue for negative, dark
 *       gray near 0.</li>
 * </ul>
 * NaN weights print as '?' (yellow in color); infinities count as the extreme of their sign.
 */
public final class Heatmap {
    private Heatmap() {}

    private static final String[] ASCII_POS = {"'", "+", "#"};
    private static final String[] ASCII_NEG = {",", "-", "="};
    private static final String[] UNI_POS = {"░", "▒", "█"};
    private static final String[] UNI_NEG = {"⠒", "⠶", "⣿"};
    private static final int[] RED = {52, 88, 124, 160, 196};
    private static final int[] BLUE = {17, 19, 20, 27, 33};
    private static final int ZERO = 236, NAN = 226;

    /** One unit's weights, scaled to their own max |w|, with a legend line. */
    public static String render(double[] weights, int offset, int w, int h, Style style) {
        double scale = maxAbs(weights, offset, w * h);
        List<String> out = new ArrayList<>(lines(weights, offset, w, h, scale, style.width(), style));
        out.replaceAll(Text::stripTrailing);
        out.add(legend(scale, countNaN(weights, offset, w * h), style));
        return Text.join(out);
    }

    /** Largest finite |w| (0 when none). */
    static double maxAbs(double[] a, int off, int n) {
        double m = 0;
        for (int i = off; i < off + n; i++) if (Double.isFinite(a[i])) m = Math.max(m, Math.abs(a[i]));
        return m;
    }

    private static int countNaN(double[] a, int off, int n) {
        int c = 0;
        for (int i = off; i < off + n; i++) if (Double.isNaN(a[i])) c++;
        return c;
    }

    /** Magnitude level 0..levels for t = |v| / scale. */
    private static int level(double v, double scale, int levels) {
        if (scale <= 0) return 0;
        double t = Math.min(1, Math.abs(v) / scale);
        return (int) Math.round(t * levels);
    }

    /** The map as lines (no legend), fitted to {@code maxColumns}, rows equally wide. */
    static List<String> lines(double[] weights, int offset, int w, int h, double scale, int maxColumns, Style style) {
        if (offset < 0 || offset + (long) w * h > weights.length) {
            throw new IllegalArgumentException("weights " + w + "x" + h + " at offset " + offset
                    + " do not fit in " + weights.length + " values");
        }
        boolean halfBlocks = style.unicode() && style.colored();
        Images.Mode geometry = halfBlocks ? Images.Mode.GRAY256 : Images.Mode.ASCII;
        int[] t = Images.fit(w, h, geometry, maxColumns);
        double[] img = resampleSigned(weights, offset, w, h, t[0], t[1]);
        int tw = t[0], th = t[1];
        if (halfBlocks) return Images.halfBlocks(img, tw, th, v -> color(v, scale), ZERO);
        List<String> out = new ArrayList<>();
        String[] pos = style.unicode() ? UNI_POS : ASCII_POS;
        String[] neg = style.unicode() ? UNI_NEG : ASCII_NEG;
        for (int y = 0; y < th; y++) {
            StringBuilder b = new StringBuilder();
            for (int x = 0; x < tw; x++) {
                double v = img[y * tw + x];
                String g;
                int color = -1;
                if (Double.isNaN(v)) {
                    g = "?";
                    color = NAN;
                } else {
                    int lv = level(v, scale, 3);
                    if (lv == 0) g = " ";
                    else if (v > 0) {
                        g = pos[lv - 1];
                        color = RED[Math.min(4, lv + 1)];
                    } else {
                        g = neg[lv - 1];
                        color = BLUE[Math.min(4, lv + 1)];
                    }
                }
                String cell = g + g;
                b.append(color >= 0 ? Text.paint(cell, color, style) : cell);
            }
            out.add(b.toString());
        }
        return out;
    }

    private static int color(double v, double scale) {
        if (Double.isNaN(v)) return NAN;
        int lv = level(v, scale, 5);
        if (lv == 0) return ZERO;
        return v > 0 ? RED[lv - 1] : BLUE[lv - 1];
    }

    /**
     * Area-average resampling keeping the sign; NaN anywhere in a cell makes the cell NaN, and an
     * infinity counts as a very large finite value so that it still dominates its cell.
     */
    private static double[] resampleSigned(double[] px, int off, int w, int h, int tw, int th) {
        return Images.resample(px, off, w, h, tw, th,
                v -> Double.isInfinite(v) ? (v > 0 ? Double.MAX_VALUE / 1e10 : -Double.MAX_VALUE / 1e10) : v);
    }

    /** "-0.231 ==--,, 0 ''++## +0.231  (max |w|)" in the glyphs or colors of the style. */
    static String legend(double scale, int nan, Style style) {
        String lo = Text.fixed(-scale, 3), hi = "+" + Text.fixed(scale, 3);
        StringBuilder ramp = new StringBuilder();
        if (style.unicode() && style.colored()) {
            for (int i = 4; i >= 0; i--) ramp.append(Text.fg(BLUE[i])).append('█');
            ramp.append(Text.fg(ZERO)).append('█');
            for (int i = 0; i < 5; i++) ramp.append(Text.fg(RED[i])).append('█');
            ramp.append(Text.RESET);
        } else {
            String[] pos = style.unicode() ? UNI_POS : ASCII_POS;
            String[] neg = style.unicode() ? UNI_NEG : ASCII_NEG;
            for (int i = 2; i >= 0; i--) ramp.append(neg[i]);
            ramp.append(" 0 ");
            for (int i = 0; i < 3; i++) ramp.append(pos[i]);
        }
        String nanNote = nan > 0 ? "  " + nan + " NaN shown as ?" : "";
        String[] candidates = scale == 0
                ? new String[] {"all weights are 0 (or not finite)" + nanNote, "all weights 0", "all 0"}
                : new String[] {
                    "scale " + lo + " " + ramp + " " + hi + "  (symmetric, max |w|)" + nanNote,
                    lo + " " + ramp + " " + hi + (nan > 0 ? " " + nan + " NaN" : ""),
                    lo + " " + ramp + " " + hi,
                    "max |w| " + Text.fixed(scale, 3)};
        for (String c : candidates) {
            if (Text.displayWidth(c) <= style.width()) return c;
        }
        return Text.truncate(Text.stripAnsi(candidates[candidates.length - 1]), style.width(), style.unicode());
    }

    /**
     * The incoming weights of the first hidden units as a grid of small maps with "#i"
     * captions. {@code weights} is row-major units x inputs (row u = unit u's weights),
     * each row a w x h image. Tiles are shown at full size when at least three fit side by
     * side, otherwise at half size. Only the units that fit in {@code maxLines} lines are
     * drawn; a footer says how many are hidden. With {@code sharedScale} all tiles use one
     * scale (magnitudes comparable), otherwise each unit uses its own max |w|.
     */
    public static String grid(double[] weights, int units, int w, int h, int maxLines, boolean sharedScale, Style style) {
        int inputs = w * h;
        if ((long) units * inputs > weights.length) {
            throw new IllegalArgumentException(units + " units of " + inputs + " weights need "
                    + (long) units * inputs + " values, got " + weights.length);
        }
        if (units == 0) return "(no units)";
        boolean halfBlocks = style.unicode() && style.colored();
        int cpp = halfBlocks ? 1 : 2;
        int tileCols = Math.min(style.width(), Images.fit(w, h, halfBlocks ? Images.Mode.GRAY256 : Images.Mode.ASCII,
                style.width())[0] * cpp);
        if ((style.width() + 2) / (tileCols + 2) < 3 && w >= 16) tileCols = Math.max(8 * cpp, tileCols / 2);
        tileCols = Math.max(cpp, tileCols - tileCols % cpp);
        int perRow = Math.max(1, (style.width() + 2) / (tileCols + 2));

        double shared = maxAbs(weights, 0, units * inputs);
        List<List<String>> tiles = new ArrayList<>();
        int nan = 0, limit = units;
        for (int u = 0; u < limit; u++) {
            double scale = sharedScale ? shared : maxAbs(weights, u * inputs, inputs);
            List<String> tile = new ArrayList<>(lines(weights, u * inputs, w, h, scale, tileCols, style));
            int tw = Text.displayWidth(tile.get(0));
            String cap = "#" + u + (sharedScale ? "" : " " + Text.num(scale));
            tile.add(Text.center(Text.truncate(cap, tw, style.unicode()), tw));
            if (u == 0) {
                // Rows of tiles are separated by a blank line; two lines are kept for the footer.
                int rowsFit = Math.max(1, (maxLines - 2 + 1) / (tile.size() + 1));
                limit = (int) Math.min(units, (long) rowsFit * perRow);
            }
            tiles.add(tile);
            nan += countNaN(weights, u * inputs, inputs);
        }
        int shown = tiles.size();
        List<String> out = new ArrayList<>(Text.flow(tiles, 2, style.width()));
        String foot = sharedScale ? legend(shared, nan, style)
                : "each unit on its own symmetric scale (max |w| under each tile)";
        out.add(Text.displayWidth(foot) > style.width() ? Text.truncate(Text.stripAnsi(foot), style.width(), style.unicode()) : foot);
        String more = "units 0-" + (shown - 1) + " of " + units + (shown < units ? " shown, " + (units - shown) + " more not shown" : "");
        out.add(Text.truncate(more, style.width(), style.unicode()));
        return Text.join(out);
    }
}
