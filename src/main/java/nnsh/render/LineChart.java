package nnsh.render;

import java.util.ArrayList;
import java.util.List;

/**
 * Multi-row line chart for {@code show history}: several named series against iteration
 * numbers, y labels on the left, an optional second y axis on the right (for a loss next
 * to accuracies), x labels below and a legend.
 *
 * <p>Unicode with color draws Braille lines (2x4 dots per cell), one color per series; a
 * single series is drawn in Braille even without color. Otherwise every series gets its own marker ('*', '+', 'o', 'x' in ASCII; '●', '○', '◆',
 * '×' in Unicode) so the series stay apart without color. Points that fall into the same
 * column are averaged; NaN and infinite points are left out (the line breaks there) and
 * counted in the legend.
 */
public final class LineChart {
    private LineChart() {}

    public enum Axis { LEFT, RIGHT }

    /** A named series; {@code x} may be null for 0, 1, 2, ... */
    public record Series(String name, double[] x, double[] y, Axis axis) {
        public Series {
            if (y == null) y = new double[0];
            if (x != null && x.length != y.length) {
                throw new IllegalArgumentException("series " + name + ": " + x.length + " x values, " + y.length + " y values");
            }
            if (axis == null) axis = Axis.LEFT;
        }

        public static Series of(String name, double[] y) {
            return new Series(name, null, y, Axis.LEFT);
        }

        public static Series at(String name, double[] x, double[] y) {
            return new Series(name, x, y, Axis.LEFT);
        }

        /** The same series measured on the right-hand y axis. */
        public Series onRight() {
            return new Series(name, x, y, Axis.RIGHT);
        }

        double xAt(int i) {
            return x == null ? i : x[i];
        }
    }

    private static final String[] ASCII_MARKS = {"*", "+", "o", "x", "#", "@"};
    private static final String[] UNICODE_MARKS = {"●", "○", "◆", "×", "■", "□"};
    private static final int[] COLORS = {39, 214, 76, 203, 141, 44};

    /**
     * Renders the chart in at most {@code width} columns (and never wider than the style)
     * with {@code height} plot rows (at least 3), followed by the x axis, x labels and legend.
     */
    public static String render(List<Series> series, int width, int height, Style style) {
        int w = Math.max(Style.MIN_WIDTH, Math.min(width, style.width()));
        int rows = Math.max(3, height);
        boolean u = style.unicode();
        // Braille needs color to tell series apart; a single series can use it without color.
        boolean braille = u && (style.colored() || series.size() == 1);

        double xLo = Double.POSITIVE_INFINITY, xHi = Double.NEGATIVE_INFINITY;
        double[] left = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        double[] right = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        boolean anyRight = false, anyLeft = false;
        int points = 0;
        for (Series s : series) {
            if (s.axis() == Axis.RIGHT) anyRight = true; else anyLeft = true;
        }
        boolean useRight = anyRight && anyLeft;
        for (Series s : series) {
            double[] r = useRight && s.axis() == Axis.RIGHT ? right : left;
            for (int i = 0; i < s.y().length; i++) {
                points++;
                double x = s.xAt(i), y = s.y()[i];
                if (!Double.isFinite(x) || !Double.isFinite(y)) continue;
                xLo = Math.min(xLo, x);
                xHi = Math.max(xHi, x);
                r[0] = Math.min(r[0], y);
                r[1] = Math.max(r[1], y);
            }
        }
        if (points == 0) return Sparkline.EMPTY;
        if (xLo > xHi) return Text.truncate("(nothing to plot: " + points + " points, none finite)", w, u);
        widen(left);
        if (useRight) {
            if (right[0] > right[1]) useRight = false; else widen(right);
        }

        String[] leftLabels = yLabels(left, rows);
        String[] rightLabels = useRight ? yLabels(right, rows) : new String[rows];
        int lw = maxLen(leftLabels), rw = useRight ? maxLen(rightLabels) : 0;
        int pw = w - lw - 2 - (useRight ? rw + 2 : 0);
        if (pw < 8 && useRight) {
            rw = 0;
            pw = w - lw - 2 - 1;
        }
        if (pw < 4) return Text.truncate("(too narrow for a chart)", w, u);

        int sw = braille ? pw * 2 : pw, sh = braille ? rows * 4 : rows;
        int[][] bits = new int[rows][pw];
        int[][] owner = new int[rows][pw];
        int[] nonFinite = new int[series.size()];
        for (int si = 0; si < series.size(); si++) {
            Series s = series.get(si);
            double[] r = useRight && s.axis() == Axis.RIGHT ? right : left;
            double[] sum = new double[sw];
            int[] cnt = new int[sw];
            for (int i = 0; i < s.y().length; i++) {
                double x = s.xAt(i), y = s.y()[i];
                if (!Double.isFinite(x) || !Double.isFinite(y)) {
                    nonFinite[si]++;
                    continue;
                }
                int c = xHi > xLo ? (int) Math.round((x - xLo) / (xHi - xLo) * (sw - 1)) : sw / 2;
                sum[c] += y;
                cnt[c]++;
            }
            int pc = -1, pr = -1;
            for (int c = 0; c < sw; c++) {
                if (cnt[c] == 0) continue;
                double y = sum[c] / cnt[c];
                int rr = (int) Math.round((r[1] - y) / (r[1] - r[0]) * (sh - 1));
                if (pc >= 0) line(bits, owner, pc, pr, c, rr, si + 1, braille);
                else plot(bits, owner, c, rr, si + 1, braille);
                pc = c;
                pr = rr;
            }
        }

        List<String> out = new ArrayList<>();
        String vbar = u ? "│" : "|", tickL = u ? "┤" : "+", tickR = u ? "├" : "+";
        for (int r = 0; r < rows; r++) {
            StringBuilder b = new StringBuilder();
            b.append(Text.padLeft(leftLabels[r] == null ? "" : leftLabels[r], lw)).append(' ');
            b.append(leftLabels[r] == null ? vbar : tickL);
            int painted = 0;
            for (int c = 0; c < pw; c++) {
                int o = owner[r][c];
                if (o == 0) {
                    b.append(' ');
                    continue;
                }
                String g;
                if (braille) g = new String(Character.toChars(0x2800 + bits[r][c]));
                else g = marker(o - 1, u);
                if (style.colored() && o != painted) {
                    b.append(Text.fg(COLORS[(o - 1) % COLORS.length]));
                    painted = o;
                }
                b.append(g);
            }
            if (painted != 0) b.append(Text.RESET);
            if (useRight) {
                b.append(rightLabels[r] == null ? vbar : tickR);
                if (rw > 0 && rightLabels[r] != null) b.append(' ').append(rightLabels[r]);
            }
            out.add(Text.stripTrailing(b.toString()));
        }
        out.addAll(xAxis(xLo, xHi, lw, pw, useRight, u));
        out.addAll(legend(series, nonFinite, useRight, braille, w, style));
        return Text.join(out);
    }

    private static void widen(double[] r) {
        if (r[0] > r[1]) {
            r[0] = 0;
            r[1] = 1;
        } else if (r[0] == r[1]) {
            double d = r[0] == 0 ? 1 : Math.abs(r[0]) * 0.1;
            r[0] -= d;
            r[1] += d;
        }
    }

    /** Labels on top, bottom, middle and quarter rows as space allows. */
    private static String[] yLabels(double[] range, int rows) {
        String[] l = new String[rows];
        int parts = rows >= 13 ? 4 : rows >= 5 ? 2 : 1;
        for (int p = 0; p <= parts; p++) {
            int r = (int) Math.round((double) p * (rows - 1) / parts);
            l[r] = Text.num(range[1] - (range[1] - range[0]) * r / (rows - 1));
        }
        return l;
    }

    private static int maxLen(String[] l) {
        int m = 0;
        for (String s : l) if (s != null) m = Math.max(m, s.length());
        return m;
    }

    private static void plot(int[][] bits, int[][] owner, int sx, int sy, int who, boolean braille) {
        int c = braille ? sx / 2 : sx, r = braille ? sy / 4 : sy;
        if (r < 0 || r >= bits.length || c < 0 || c >= bits[0].length) return;
        if (braille) {
            int dx = sx % 2, dy = sy % 4;
            int bit = dy == 3 ? (dx == 0 ? 0x40 : 0x80) : (1 << (dy + 3 * dx));
            bits[r][c] |= bit;
        }
        owner[r][c] = who;
    }

    private static void line(int[][] bits, int[][] owner, int x0, int y0, int x1, int y1, int who, boolean braille) {
        int dx = Math.abs(x1 - x0), dy = -Math.abs(y1 - y0);
        int sx = x0 < x1 ? 1 : -1, sy = y0 < y1 ? 1 : -1, err = dx + dy;
        while (true) {
            plot(bits, owner, x0, y0, who, braille);
            if (x0 == x1 && y0 == y1) break;
            int e2 = 2 * err;
            if (e2 >= dy) {
                err += dy;
                x0 += sx;
            }
            if (e2 <= dx) {
                err += dx;
                y0 += sy;
            }
        }
    }

    private static String xNum(double x, boolean integral) {
        return integral ? String.valueOf(Math.round(x)) : Text.num(x);
    }

    /** A "nice" step (1, 2, 2.5 or 5 times a power of ten) giving at most {@code maxTicks} intervals. */
    static double niceStep(double span, int maxTicks) {
        double raw = span / Math.max(1, maxTicks);
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            if (m * p >= raw) return m * p;
        }
        return 10 * p;
    }

    /** Axis line with ticks under labelled columns at round x values, then the labels. */
    private static List<String> xAxis(double lo, double hi, int lw, int pw, boolean right, boolean u) {
        boolean integral = lo == Math.rint(lo) && hi == Math.rint(hi);
        char[] axis = Text.repeat(u ? "─" : "-", pw).toCharArray();
        char[] labels = Text.repeat(" ", pw).toCharArray();
        int labelWidth = Math.max(xNum(lo, integral).length(), xNum(hi, integral).length());
        int maxTicks = Math.max(1, Math.min(8, pw / (labelWidth + 3)));
        List<Double> ticks = new ArrayList<>();
        if (hi > lo) {
            double step = niceStep(hi - lo, maxTicks);
            if (integral) step = Math.max(1, Math.round(step));
            for (double t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9; t += step) ticks.add(t);
        } else {
            ticks.add(lo);
        }
        int lastEnd = -2;
        for (double t : ticks) {
            int c = hi > lo ? (int) Math.round((t - lo) / (hi - lo) * (pw - 1)) : (pw - 1) / 2;
            String s = xNum(Math.abs(t) < 1e-12 ? 0 : t, integral);
            int start = Math.max(0, Math.min(pw - s.length(), c - (s.length() - 1) / 2));
            if (start <= lastEnd + 1) continue;
            s.getChars(0, s.length(), labels, start);
            lastEnd = start + s.length() - 1;
            axis[c] = u ? '┬' : '+';
        }
        String pad = Text.repeat(" ", lw + 1);
        String ax = pad + (u ? "└" : "+") + new String(axis) + (right ? (u ? "┘" : "+") : "");
        String lab = pad + " " + new String(labels);
        return List.of(ax, lab.stripTrailing());
    }

    /** The marker of series i (0-based) where the chart is not drawn in Braille. */
    private static String marker(int i, boolean unicode) {
        return (unicode ? UNICODE_MARKS : ASCII_MARKS)[i % ASCII_MARKS.length];
    }

    /** One item per series: a colored line where the chart is drawn in Braille, else the series' marker. */
    private static List<String> legend(List<Series> series, int[] nonFinite, boolean useRight, boolean braille, int w, Style style) {
        List<String> items = new ArrayList<>();
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            String mark = braille ? Text.paint("━━", COLORS[i % COLORS.length], style) : marker(i, style.unicode());
            String item = mark + " " + s.name();
            if (useRight) item += s.axis() == Axis.RIGHT ? " (right)" : " (left)";
            if (nonFinite[i] > 0) item += " [" + nonFinite[i] + " not finite]";
            items.add(item);
        }
        List<String> out = new ArrayList<>();
        String cur = "";
        for (String it : items) {
            String cand = cur.isEmpty() ? "  " + it : cur + "   " + it;
            if (!cur.isEmpty() && Text.displayWidth(cand) > w) {
                out.add(cur);
                cand = "  " + it;
            }
            cur = cand;
        }
        if (!cur.isEmpty()) out.add(cur);
        out.replaceAll(l -> Text.displayWidth(l) > w ? Text.truncate(Text.stripAnsi(l), w, style.unicode()) : l);
        return out;
    }
}
