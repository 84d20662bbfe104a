package nnsh.render;

import java.util.List;

/**
 * Summary statistics of a weight, gradient or activation array: min, max, mean and
 * standard deviation over the finite values, counts of NaN and infinities, and a
 * histogram drawn as a sparkline (blank bins are empty, not "▁").
 */
public final class Stats {
    private Stats() {}

    public record Summary(int count, int nan, int posInf, int negInf, double min, double max, double mean, double std) {
        public int finite() {
            return count - nan - posInf - negInf;
        }
    }

    public static Summary of(double[] a) {
        return of(a, 0, a.length);
    }

    /** Statistics of {@code a[offset .. offset+length)}; min/max/mean/std are NaN when no value is finite. */
    public static Summary of(double[] a, int offset, int length) {
        int nan = 0, pinf = 0, ninf = 0, k = 0;
        double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY, mean = 0, m2 = 0;
        for (int i = offset; i < offset + length; i++) {
            double v = a[i];
            if (Double.isNaN(v)) nan++;
            else if (v == Double.POSITIVE_INFINITY) pinf++;
            else if (v == Double.NEGATIVE_INFINITY) ninf++;
            else {
                k++;
                double d = v - mean;
                mean += d / k;
                m2 += d * (v - mean);
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        if (k == 0) return new Summary(length, nan, pinf, ninf, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        return new Summary(length, nan, pinf, ninf, min, max, mean, Math.sqrt(m2 / k));
    }

    /** Histogram of the finite values in {@code bins} equal bins between min and max; s is their {@link #of}. */
    public static String histogram(double[] a, int offset, int length, Summary s, int bins, Style style) {
        if (s.finite() == 0 || bins <= 0) return "";
        int[] h = new int[bins];
        double span = s.max() - s.min();
        for (int i = offset; i < offset + length; i++) {
            double v = a[i];
            if (!Double.isFinite(v)) continue;
            int b = span > 0 ? (int) ((v - s.min()) / span * bins) : bins / 2;
            h[Math.min(bins - 1, b)]++;
        }
        int top = 0;
        for (int c : h) top = Math.max(top, c);
        String levels = style.unicode() ? Sparkline.UNICODE_LEVELS : Sparkline.ASCII_LEVELS;
        StringBuilder out = new StringBuilder(bins);
        for (int c : h) {
            if (c == 0) out.append(' ');
            else out.append(levels.charAt((int) Math.ceil((double) c / top * levels.length()) - 1));
        }
        return out.toString();
    }

    /**
     * One array on one or two lines, e.g.
     * {@code W1  n 7840  min -0.31  max 0.29  mean 0.0012  std 0.081  NaN 0  ▁▃▆█▆▃▁}.
     */
    public static String render(String name, double[] a, Style style) {
        Summary s = of(a, 0, a.length);
        String head = (name == null ? "" : name + "  ") + "n " + s.count() + "  min " + Text.num(s.min())
                + "  max " + Text.num(s.max()) + "  mean " + Text.num(s.mean()) + "  std " + Text.num(s.std())
                + "  NaN " + s.nan() + (s.posInf() + s.negInf() > 0 ? "  inf " + (s.posInf() + s.negInf()) : "");
        int room = style.width() - Text.displayWidth(head) - 2;
        if (room >= 10) return head + "  " + histogram(a, 0, a.length, s, Math.min(24, room), style);
        return Text.truncate(head, style.width(), style.unicode()) + "\n  "
                + histogram(a, 0, a.length, s, Math.min(24, style.width() - 2), style);
    }

    /** Several arrays (e.g. W1, b1, W2, b2 or their gradients) as one table. */
    public static String table(List<String> names, List<double[]> arrays, Style style) {
        if (names.size() != arrays.size()) throw new IllegalArgumentException(names.size() + " names for " + arrays.size() + " arrays");
        Table t = new Table("name", "n", "min", "max", "mean", "std", "NaN+inf", "histogram");
        for (int i = 0; i < names.size(); i++) {
            double[] a = arrays.get(i);
            Summary s = of(a, 0, a.length);
            int bad = s.nan() + s.posInf() + s.negInf();
            t.row(names.get(i), String.valueOf(s.count()), Text.num(s.min()), Text.num(s.max()),
                    Text.num(s.mean()), Text.num(s.std()), String.valueOf(bad),
                    histogram(a, 0, a.length, s, 16, style));
        }
        return t.render(style);
    }
}
