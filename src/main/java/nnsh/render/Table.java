package nnsh.render;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * An aligned text table with Unicode box or ASCII borders. Columns whose cells are all
 * numbers (including "NaN", "inf", "12.5%", "15,910", "--") are right-aligned. When the
 * table is wider than the terminal the widest columns are shortened with an ellipsis.
 *
 * <pre>
 * Table t = new Table("var", "shape").row("W1", "10 x 784").separator().row("total", "7,850");
 * String s = t.render(style);
 * </pre>
 */
public final class Table {
    private static final Pattern NUMERIC =
            Pattern.compile("[-+]?(\\d[\\d,]*)?\\.?\\d+([eE][-+]?\\d+)?%?|NaN|-?inf|--|-");

    private final String[] headers;
    private final List<String[]> rows = new ArrayList<>();

    public Table(String... headers) {
        if (headers.length == 0) throw new IllegalArgumentException("a table needs at least one column");
        this.headers = headers.clone();
    }

    /** Adds a row; missing cells are blank, null prints as blank. */
    public Table row(String... cells) {
        if (cells.length > headers.length) {
            throw new IllegalArgumentException(cells.length + " cells for " + headers.length + " columns");
        }
        String[] r = new String[headers.length];
        Arrays.fill(r, "");
        for (int i = 0; i < cells.length; i++) r[i] = cells[i] == null ? "" : Text.stripAnsi(cells[i]);
        rows.add(r);
        return this;
    }

    /** Adds a horizontal rule (e.g. before a total line). */
    public Table separator() {
        rows.add(null);
        return this;
    }

    static boolean numeric(String s) {
        return NUMERIC.matcher(s.trim()).matches();
    }

    public String render(Style style) {
        int n = headers.length;
        boolean u = style.unicode();
        int[] w = new int[n];
        boolean[] right = new boolean[n];
        for (int c = 0; c < n; c++) {
            w[c] = Text.displayWidth(headers[c]);
            boolean allNum = false;
            boolean any = false;
            for (String[] r : rows) {
                if (r == null) continue;
                w[c] = Math.max(w[c], Text.displayWidth(r[c]));
                if (!r[c].isEmpty()) {
                    allNum = any ? allNum && numeric(r[c]) : numeric(r[c]);
                    any = true;
                }
            }
            right[c] = any && allNum;
        }
        // Shrink the widest columns until the table fits.
        while (total(w) > style.width()) {
            int widest = 0;
            for (int c = 1; c < n; c++) if (w[c] > w[widest]) widest = c;
            if (w[widest] <= 3) break;
            w[widest]--;
        }
        List<String> out = new ArrayList<>();
        out.add(rule(w, u ? "┌" : "+", u ? "┬" : "+", u ? "┐" : "+", u));
        out.add(line(headers, w, right, u));
        out.add(rule(w, u ? "├" : "+", u ? "┼" : "+", u ? "┤" : "+", u));
        for (String[] r : rows) {
            out.add(r == null ? rule(w, u ? "├" : "+", u ? "┼" : "+", u ? "┤" : "+", u) : line(r, w, right, u));
        }
        out.add(rule(w, u ? "└" : "+", u ? "┴" : "+", u ? "┘" : "+", u));
        out.replaceAll(l -> Text.displayWidth(l) > style.width() ? Text.truncate(l, style.width(), u) : l);
        return Text.join(out);
    }

    private static int total(int[] w) {
        int t = 1;
        for (int x : w) t += x + 3;
        return t;
    }

    private static String rule(int[] w, String l, String m, String r, boolean u) {
        StringBuilder b = new StringBuilder(l);
        for (int c = 0; c < w.length; c++) {
            if (c > 0) b.append(m);
            b.append(Text.repeat(u ? "─" : "-", w[c] + 2));
        }
        return b.append(r).toString();
    }

    private static String line(String[] cells, int[] w, boolean[] right, boolean u) {
        String bar = u ? "│" : "|";
        StringBuilder b = new StringBuilder(bar);
        for (int c = 0; c < w.length; c++) {
            String s = Text.truncate(cells[c], w[c], u);
            b.append(' ').append(right[c] ? Text.padLeft(s, w[c]) : Text.padRight(s, w[c])).append(' ').append(bar);
        }
        return b.toString();
    }

    /**
     * The tutorials' "vars and shapes" table for a fully connected network with the given
     * layer sizes (input first), e.g. {784, 10, 10}: forward variables A0 = X, W1, b1, Z1,
     * A1, ... then the gradients dZ, dW, db of the backward pass. {@code m} is the batch size.
     * {@code activations} (one per layer after the input) may be null.
     */
    public static Table varsAndShapes(int[] sizes, String[] activations) {
        checkSizes(sizes, activations);
        int layers = sizes.length - 1;
        Table t = new Table("var", "shape", "meaning");
        t.row("A0 = X", sizes[0] + " x m", "input batch, one column per example");
        for (int l = 1; l <= layers; l++) {
            String act = activations == null ? "g" + l : activations[l - 1];
            t.row("W" + l, sizes[l] + " x " + sizes[l - 1], "weights of layer " + l);
            t.row("b" + l, sizes[l] + " x 1", "biases of layer " + l);
            t.row("Z" + l, sizes[l] + " x m", "W" + l + " A" + (l - 1) + " + b" + l);
            t.row("A" + l, sizes[l] + " x m", act + "(Z" + l + ")" + (l == layers ? ", the predictions" : ""));
        }
        t.separator();
        for (int l = layers; l >= 1; l--) {
            t.row("dZ" + l, sizes[l] + " x m", l == layers ? "A" + l + " - Y (softmax + cross-entropy)" : "dA" + l + " * g'(Z" + l + ")");
            t.row("dW" + l, sizes[l] + " x " + sizes[l - 1], "dZ" + l + " A" + (l - 1) + "^T / m");
            t.row("db" + l, sizes[l] + " x 1", "row sums of dZ" + l + " / m");
            if (l > 1) t.row("dA" + (l - 1), sizes[l - 1] + " x m", "W" + l + "^T dZ" + l);
        }
        return t;
    }

    /**
     * A Keras-like model summary: one row per dense layer with output shape (units x m),
     * activation and parameter count (weights + biases), then the total.
     */
    public static Table modelSummary(int[] sizes, String[] activations) {
        checkSizes(sizes, activations);
        Table t = new Table("layer", "output shape", "activation", "params");
        t.row("input", sizes[0] + " x m", "", "0");
        long total = 0;
        for (int l = 1; l < sizes.length; l++) {
            long p = (long) sizes[l] * sizes[l - 1] + sizes[l];
            total += p;
            t.row("dense " + l, sizes[l] + " x m", activations == null ? "" : activations[l - 1], Text.group(p));
        }
        t.separator();
        t.row("total", "", "", Text.group(total));
        return t;
    }

    private static void checkSizes(int[] sizes, String[] activations) {
        if (sizes == null || sizes.length < 2) throw new IllegalArgumentException("need at least input and one layer size");
        for (int s : sizes) if (s <= 0) throw new IllegalArgumentException("layer size " + s);
        if (activations != null && activations.length != sizes.length - 1) {
            throw new IllegalArgumentException(activations.length + " activations for " + (sizes.length - 1) + " layers");
        }
    }
}
