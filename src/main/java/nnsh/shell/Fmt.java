package nnsh.shell;

import java.util.Locale;

import nnsh.nn.Dense;
import nnsh.nn.Network;
import nnsh.render.Text;

/**
 * Number formatting shared by the commands: fixed locale, NaN and infinities spelled out.
 * Mostly render's {@link Text} formats; durations here go down to milliseconds, since one
 * iteration often takes less than one. Also the names of layers' arrays, as the commands print them.
 */
public final class Fmt {
    private Fmt() {}

    public static String f4(double x) {
        // A diverging loss (1e300) would print as a 300-digit number.
        if (Math.abs(x) >= 1e7) return Text.num(x);
        return Text.fixed(x, 4);
    }


    /** About three significant digits: 2.31, 0.0312, 1.5e-5. */
    public static String g(double x) {
        return Text.num(x);
    }

    public static String count(long n) {
        return Text.group(n);
    }

    public static String pct(double x) {
        return num(100 * x, "%.2f") + "%";
    }

    public static String seconds(double s) {
        if (!Double.isFinite(s)) return "?";
        if (s < 1) return String.format(Locale.ROOT, "%.0fms", s * 1000);
        if (s < 60) return String.format(Locale.ROOT, "%.1fs", s);
        long t = Math.round(s);
        if (t < 3600) return String.format(Locale.ROOT, "%dm%02ds", t / 60, t % 60);
        return String.format(Locale.ROOT, "%dh%02dm", t / 3600, (t % 3600) / 60);
    }

    /** Layer l's weights (l from 0, as Network.layer) as the tutorials name them, from 1: "W1 16x64". */
    public static String weightName(int l, Dense d) {
        return "W" + (l + 1) + " " + d.out + "x" + d.in;
    }

    /** Layer l's biases, named the same way: "b1 16x1". */
    public static String biasName(int l, Dense d) {
        return "b" + (l + 1) + " " + d.out + "x1";
    }

    /** Each layer's activation id, input side first: relu, softmax. */
    public static String[] activationIds(Network n) {
        String[] a = new String[n.depth()];
        for (int l = 0; l < a.length; l++) a[l] = n.layer(l).activation.id;
        return a;
    }

    private static String num(double x, String f) {
        return Double.isFinite(x) ? String.format(Locale.ROOT, f, x) : special(x);
    }

    private static String special(double x) {
        return Double.isNaN(x) ? "NaN" : x > 0 ? "inf" : "-inf";
    }
}
