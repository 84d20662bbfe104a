package nnsh.shell;

import java.util.Locale;

/** Number formatting shared by the commands: fixed locale, NaN and infinities spelled out. */
public final class Fmt {
    private Fmt() {}

    public static String f4(double x) {
        return num(x, "%.4f");
    }

    public static String f3(double x) {
        return num(x, "%.3f");
    }

    public static String g(double x) {
        if (!Double.isFinite(x)) return special(x);
        if (x == 0) return "0";
        double a = Math.abs(x);
        if (a >= 1e-3 && a < 1e5) return String.format(Locale.ROOT, "%.4g", x).replaceAll("(\\.\\d*?)0+$", "$1").replaceAll("\\.$", "");
        return String.format(Locale.ROOT, "%.3e", x);
    }

    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
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

    private static String num(double x, String f) {
        return Double.isFinite(x) ? String.format(Locale.ROOT, f, x) : special(x);
    }

    private static String special(double x) {
        return Double.isNaN(x) ? "NaN" : x > 0 ? "inf" : "-inf";
    }
}
