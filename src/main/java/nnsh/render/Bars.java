package nnsh.render;

import java.util.ArrayList;
import java.util.List;

/**
 * Class probabilities (ten digits, or any number of classes) as horizontal bars with
 * percentages. The most likely class is marked "◀ predicted" ("< predicted" in ASCII),
 * the true label, when given, "◀ label". NaN probabilities print as NaN with an empty bar.
 */
public final class Bars {
    private Bars() {}

    private static final String EIGHTHS = " ▏▎▍▌▋▊▉█";

    /** Bars without a true label. */
    public static String render(double[] probs, Style style) {
        return render(probs, -1, style);
    }

    /** Bars with the true label marked ({@code label} = -1 for none). */
    public static String render(double[] probs, int label, Style style) {
        if (probs == null || probs.length == 0) return "(no probabilities)";
        boolean u = style.unicode();
        int top = argmax(probs);
        String arrow = u ? "◀ " : "< ";
        int idxWidth = String.valueOf(probs.length - 1).length();
        String longest = top >= 0 && top == label ? "predicted, label" : "predicted";
        int fixed = 2 + idxWidth + 1 + 2 + 1 + 6; // indent, index, space, bar ends, space, "100.0%"
        int markW = label >= 0 || top >= 0 ? 2 + 2 + Math.max(longest.length(), label >= 0 ? 5 : 0) : 0;
        int bar = Math.min(40, style.width() - fixed - markW);
        boolean shortMarks = false;
        if (bar < 10) {
            shortMarks = true;
            markW = 2 + 2 + 2;
            bar = Math.min(40, style.width() - fixed - markW);
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < probs.length; i++) {
            double p = probs[i];
            StringBuilder b = new StringBuilder("  ");
            b.append(Text.padLeft(String.valueOf(i), idxWidth)).append(' ');
            String fill = fill(p, bar, u);
            int color = i == top ? (label >= 0 && label != top ? 203 : 76) : i == label ? 76 : 244;
            b.append(u ? "▕" : "|");
            b.append(Text.paint(fill, color, style));
            b.append(u ? "▏" : "|").append(' ');
            b.append(Text.padLeft(Text.pct(p), 6));
            List<String> marks = new ArrayList<>();
            if (i == top) marks.add(shortMarks ? "P" : "predicted");
            if (i == label) marks.add(shortMarks ? "L" : "label");
            if (!marks.isEmpty()) {
                String m = arrow + String.join(shortMarks ? "" : ", ", marks);
                b.append("  ").append(i == top ? Text.bold(m, style) : m);
            }
            out.add(b.toString());
        }
        if (shortMarks && (top >= 0 || label >= 0)) {
            out.add(Text.truncate("  " + arrow + "P predicted, L label", style.width(), u));
        }
        return Text.join(out);
    }

    /** Index of the largest finite value, -1 when there is none. */
    static int argmax(double[] p) {
        int best = -1;
        for (int i = 0; i < p.length; i++) {
            if (Double.isFinite(p[i]) && (best < 0 || p[i] > p[best])) best = i;
        }
        return best;
    }

    /** A bar of exactly {@code width} columns for a fraction in [0,1]. */
    static String fill(double p, int width, boolean unicode) {
        double f = Double.isFinite(p) ? Math.max(0, Math.min(1, p)) : 0;
        StringBuilder b = new StringBuilder(width);
        if (unicode) {
            int eighths = (int) Math.round(f * width * 8);
            int full = eighths / 8, rest = eighths % 8;
            b.append(Text.repeat("█", full));
            if (rest > 0) b.append(EIGHTHS.charAt(rest));
        } else {
            b.append(Text.repeat("#", (int) Math.round(f * width)));
        }
        return b + Text.repeat(" ", width - b.length());
    }
}
