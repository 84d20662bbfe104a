package nnsh.render;

import java.util.ArrayList;
import java.util.List;

/**
 * A confusion matrix (rows = true class, columns = predicted class) as a table with row
 * and column totals, per-class precision and recall, and the overall accuracy. Zero
 * cells print as "·" ("." in ASCII) so the mistakes stand out; in color mode the
 * diagonal is green and non-zero mistakes red. When the table does not fit the width a
 * per-class list is shown instead (recall, precision, most frequent wrong prediction).
 */
public final class Confusion {
    private Confusion() {}

    public static String render(int[][] counts, Style style) {
        int n = counts.length;
        if (n == 0) return "(empty confusion matrix)";
        for (int[] row : counts) {
            if (row.length != n) throw new IllegalArgumentException("confusion matrix must be square, got " + n + " x " + row.length);
        }
        long[] rowSum = new long[n], colSum = new long[n];
        long total = 0, correct = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                rowSum[i] += counts[i][j];
                colSum[j] += counts[i][j];
                total += counts[i][j];
            }
            correct += counts[i][i];
        }
        String acc = total == 0 ? "accuracy --  (no samples)"
                : "accuracy " + Text.fixed(100.0 * correct / total, 2) + "%  (" + correct + " of " + total + ")";
        List<String> out = table(counts, rowSum, colSum, total, style);
        if (out == null) out = list(counts, rowSum, colSum, style);
        out.add(Text.truncate(acc, style.width(), style.unicode()));
        return Text.join(out);
    }

    private static String pct1(long num, long den) {
        return den == 0 ? "--" : Text.fixed(100.0 * num / den, 1);
    }

    private static List<String> table(int[][] c, long[] rowSum, long[] colSum, long total, Style style) {
        int n = c.length;
        boolean u = style.unicode();
        // Cells and the total column are as wide as the total, the largest count.
        int cw = Math.max(5, String.valueOf(total).length()), tw = cw;
        int lw = 5;
        int width = lw + 1 + n * (cw + 1) + 2 + 1 + tw + 1 + 5;
        if (width > style.width()) return null;
        String vbar = u ? "│" : "|", zero = u ? "·" : ".";
        List<String> out = new ArrayList<>();
        StringBuilder h = new StringBuilder(Text.padLeft("t\\p", lw)).append(vbar);
        for (int j = 0; j < n; j++) h.append(' ').append(Text.padLeft(String.valueOf(j), cw));
        h.append(' ').append(vbar).append(' ').append(Text.padLeft("total", tw)).append(' ').append(Text.padLeft("rec%", 5));
        out.add(h.toString());
        out.add(rule(lw, n * (cw + 1) + 1, tw + 7, u));
        for (int i = 0; i < n; i++) {
            StringBuilder b = new StringBuilder(Text.padLeft(String.valueOf(i), lw)).append(vbar);
            for (int j = 0; j < n; j++) {
                String cell = Text.padLeft(c[i][j] == 0 ? zero : String.valueOf(c[i][j]), cw);
                if (style.colored() && i == j) cell = Text.fg(76) + Text.ESC + "1m" + cell + Text.RESET;
                else if (style.colored() && c[i][j] != 0) cell = Text.paint(cell, 167, style);
                b.append(' ').append(cell);
            }
            b.append(' ').append(vbar).append(' ').append(Text.padLeft(String.valueOf(rowSum[i]), tw))
                    .append(' ').append(Text.padLeft(pct1(c[i][i], rowSum[i]), 5));
            out.add(b.toString());
        }
        out.add(rule(lw, n * (cw + 1) + 1, tw + 7, u));
        StringBuilder t = new StringBuilder(Text.padLeft("total", lw)).append(vbar);
        for (int j = 0; j < n; j++) t.append(' ').append(Text.padLeft(String.valueOf(colSum[j]), cw));
        t.append(' ').append(vbar).append(' ').append(Text.padLeft(String.valueOf(total), tw));
        out.add(t.toString());
        StringBuilder p = new StringBuilder(Text.padLeft("prec%", lw)).append(vbar);
        for (int j = 0; j < n; j++) p.append(' ').append(Text.padLeft(pct1(c[j][j], colSum[j]), cw));
        p.append(' ').append(vbar);
        out.add(p.toString());
        out.add(Text.truncate("rows: true digit, columns: predicted; rec% = recall, prec% = precision",
                style.width(), u));
        return out;
    }

    private static String rule(int lw, int mid, int right, boolean u) {
        String d = u ? "─" : "-";
        String x = u ? "┼" : "+";
        return Text.repeat(d, lw) + x + Text.repeat(d, mid) + x + Text.repeat(d, right);
    }

    /** Narrow fallback: one line per class. */
    private static List<String> list(int[][] c, long[] rowSum, long[] colSum, Style style) {
        int n = c.length;
        boolean u = style.unicode();
        List<String> out = new ArrayList<>();
        int nw = Math.max(1, String.valueOf(max(rowSum)).length());
        out.add(Text.truncate("class " + Text.padLeft("n", nw) + "  recall    prec  often as", style.width(), u));
        for (int i = 0; i < n; i++) {
            int worst = -1;
            for (int j = 0; j < n; j++) {
                if (j != i && c[i][j] > 0 && (worst < 0 || c[i][j] > c[i][worst])) worst = j;
            }
            String often = worst < 0 ? "-" : worst + " (" + c[i][worst] + "x)";
            String line = Text.padLeft(String.valueOf(i), 5) + " " + Text.padLeft(String.valueOf(rowSum[i]), nw)
                    + "  " + Text.padLeft(pctOrDash(c[i][i], rowSum[i]), 6)
                    + "  " + Text.padLeft(pctOrDash(c[i][i], colSum[i]), 6) + "  " + often;
            out.add(Text.truncate(line, style.width(), u));
        }
        return out;
    }

    private static String pctOrDash(long num, long den) {
        return den == 0 ? "--" : pct1(num, den) + "%";
    }

    private static long max(long[] a) {
        long m = 0;
        for (long v : a) m = Math.max(m, v);
        return m;
    }
}
