package nnsh.render;

/**
 * One-line history of a metric (loss, accuracy) as ▁▂▃▄▅▆▇█, or "_.-=^" in ASCII,
 * followed by a summary "first 2.31  min 0.41  max 2.31  last 0.41".
 *
 * <p>A history longer than the available width is downsampled: each character shows the
 * <b>mean</b> of the finite values in its bucket of consecutive points. A bucket holding any
 * NaN or infinity is drawn as a distinct mark ('!' in ASCII, '×' in Unicode) so a divergence
 * is never averaged away; the summary counts the non-finite values.
 */
public final class Sparkline {
    private Sparkline() {}

    public static final String UNICODE_LEVELS = "▁▂▃▄▅▆▇█";
    public static final String ASCII_LEVELS = "_.-=^";
    static final String EMPTY = "(no history yet)";

    /** Just the glyphs, at most {@code width} characters (one per point when it fits). */
    public static String spark(double[] values, int width, Style style) {
        if (values == null || values.length == 0 || width <= 0) return "";
        int n = Math.min(width, values.length);
        double[] b = new double[n];
        boolean[] bad = new boolean[n];
        for (int i = 0; i < n; i++) {
            int from = (int) ((long) i * values.length / n), to = (int) ((long) (i + 1) * values.length / n);
            double sum = 0;
            int cnt = 0;
            for (int j = from; j < to; j++) {
                if (Double.isFinite(values[j])) {
                    sum += values[j];
                    cnt++;
                } else {
                    bad[i] = true;
                }
            }
            b[i] = cnt > 0 ? sum / cnt : Double.NaN;
            if (cnt == 0) bad[i] = true;
        }
        return glyphs(b, bad, style);
    }

    /** Maps already-bucketed values to glyphs; {@code bad[i]} marks a non-finite bucket. */
    static String glyphs(double[] b, boolean[] bad, Style style) {
        String levels = style.unicode() ? UNICODE_LEVELS : ASCII_LEVELS;
        char badMark = style.unicode() ? '×' : '!';
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < b.length; i++) {
            if (!bad[i]) {
                lo = Math.min(lo, b[i]);
                hi = Math.max(hi, b[i]);
            }
        }
        int k = levels.length();
        StringBuilder s = new StringBuilder(b.length);
        for (int i = 0; i < b.length; i++) {
            if (bad[i]) {
                s.append(badMark);
            } else if (hi - lo <= 0) {
                s.append(levels.charAt((k - 1) / 2));
            } else {
                int lv = (int) Math.round((b[i] - lo) / (hi - lo) * (k - 1));
                s.append(levels.charAt(Math.max(0, Math.min(k - 1, lv))));
            }
        }
        return s.toString();
    }

    /** "first 2.31  min 0.41  max 2.31  last 0.41", plus "  2 NaN  1 inf" when present. */
    public static String summary(double[] values) {
        if (values == null || values.length == 0) return EMPTY;
        Stats.Summary st = Stats.of(values);
        int inf = st.posInf() + st.negInf();
        StringBuilder s = new StringBuilder();
        s.append("first ").append(Text.num(values[0]));
        if (st.finite() > 0) {
            s.append("  min ").append(Text.num(st.min())).append("  max ").append(Text.num(st.max()));
        }
        s.append("  last ").append(Text.num(values[values.length - 1]));
        if (st.nan() > 0) s.append("  ").append(st.nan()).append(" NaN");
        if (inf > 0) s.append("  ").append(inf).append(" inf");
        return s.toString();
    }

    /**
     * A labelled sparkline with its summary, e.g.
     * {@code loss  █▆▄▃▂▂▁▁  first 2.31  min 0.41  max 2.31  last 0.41}. The summary moves
     * to a second, indented line when one line would be too narrow for a useful sparkline.
     */
    public static String render(String name, double[] values, Style style) {
        String label = name == null || name.isEmpty() ? "" : name + "  ";
        int width = style.width();
        if (values == null || values.length == 0) {
            return Text.truncate(label + EMPTY, width, style.unicode());
        }
        String sum = summary(values);
        int room = width - Text.displayWidth(label) - 2 - Text.displayWidth(sum);
        if (room >= Math.min(values.length, 16)) {
            return label + spark(values, room, style) + "  " + sum;
        }
        String first = label + spark(values, width - Text.displayWidth(label), style);
        String indent = Text.repeat(" ", Math.min(Text.displayWidth(label), 8));
        StringBuilder out = new StringBuilder(Text.truncate(first, width, style.unicode()));
        // Wrap the summary between its "name value" pairs.
        String[] parts = sum.split("  ");
        String line = indent;
        for (String part : parts) {
            String cand = line.isBlank() ? indent + part : line + "  " + part;
            if (!line.isBlank() && Text.displayWidth(cand) > width) {
                out.append('\n').append(line);
                cand = indent + part;
            }
            line = cand;
        }
        out.append('\n').append(Text.truncate(line, width, style.unicode()));
        return out.toString();
    }
}
