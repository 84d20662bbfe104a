package nnsh.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Text helpers shared by the views: display width (ANSI escapes are zero wide, East
 * Asian wide characters two), padding, number and duration formatting, and 256-color
 * escapes. Non-finite numbers always print as {@code NaN}, {@code inf}, {@code -inf}.
 */
public final class Text {
    private Text() {}

    public static final String ESC = "\u001b[";
    public static final String RESET = ESC + "0m";

    private static final Pattern ANSI = Pattern.compile("\u001b\\[[0-?]*[ -/]*[@-~]|\u001b\\][^\u0007\u001b]*(\u0007|\u001b\\\\)");

    /** Removes CSI (color, cursor) and OSC escape sequences. */
    public static String stripAnsi(String s) {
        return s.indexOf('\u001b') < 0 ? s : ANSI.matcher(s).replaceAll("");
    }

    /** Columns a single line occupies on a terminal, escapes excluded. */
    public static int displayWidth(String s) {
        String t = stripAnsi(s);
        int w = 0;
        for (int i = 0; i < t.length(); ) {
            int cp = t.codePointAt(i);
            i += Character.charCount(cp);
            w += codePointWidth(cp);
        }
        return w;
    }

    /** Widest line of a possibly multi-line string. */
    public static int maxLineWidth(String s) {
        int max = 0;
        for (String line : lines(s)) max = Math.max(max, displayWidth(line));
        return max;
    }

    public static List<String> lines(String s) {
        List<String> out = new ArrayList<>(List.of(s.split("\n", -1)));
        if (!out.isEmpty() && out.get(out.size() - 1).isEmpty() && out.size() > 1) out.remove(out.size() - 1);
        return out;
    }

    /** Width of one code point: 0 for controls and combining marks, 2 for wide glyphs. */
    public static int codePointWidth(int cp) {
        if (cp < 32 || (cp >= 0x7f && cp < 0xa0)) return 0;
        if (cp == 0x200b || cp == 0x200c || cp == 0x200d || (cp >= 0xfe00 && cp <= 0xfe0f)) return 0;
        int type = Character.getType(cp);
        if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK || type == Character.FORMAT) return 0;
        if ((cp >= 0x1100 && cp <= 0x115f) || (cp >= 0x2e80 && cp <= 0xa4cf && cp != 0x303f)
                || (cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0xf900 && cp <= 0xfaff)
                || (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xff00 && cp <= 0xff60)
                || (cp >= 0xffe0 && cp <= 0xffe6) || (cp >= 0x1f300 && cp <= 0x1f64f)
                || (cp >= 0x1f900 && cp <= 0x1f9ff) || (cp >= 0x20000 && cp <= 0x3fffd)) return 2;
        return 1;
    }

    public static String repeat(String s, int n) {
        return n <= 0 ? "" : s.repeat(n);
    }

    /** Pads with spaces on the right to {@code width} display columns. */
    public static String padRight(String s, int width) {
        return s + repeat(" ", width - displayWidth(s));
    }

    /** Pads with spaces on the left to {@code width} display columns. */
    public static String padLeft(String s, int width) {
        return repeat(" ", width - displayWidth(s)) + s;
    }

    public static String center(String s, int width) {
        int gap = width - displayWidth(s);
        if (gap <= 0) return s;
        return repeat(" ", gap / 2) + s + repeat(" ", gap - gap / 2);
    }

    /**
     * Cuts plain text (no escapes) to at most {@code width} columns, ending with an
     * ellipsis ("…" or "~" in ASCII) when something was cut.
     */
    public static String truncate(String s, int width, boolean unicode) {
        if (displayWidth(s) <= width) return s;
        if (width <= 0) return "";
        String mark = unicode ? "…" : "~";
        StringBuilder b = new StringBuilder();
        int w = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            int cw = codePointWidth(cp);
            if (w + cw > width - 1) break;
            b.appendCodePoint(cp);
            w += cw;
            i += Character.charCount(cp);
        }
        return b + mark;
    }

    /** "NaN", "inf", "-inf", or null when the value is finite. */
    public static String nonFinite(double v) {
        if (Double.isNaN(v)) return "NaN";
        if (v == Double.POSITIVE_INFINITY) return "inf";
        if (v == Double.NEGATIVE_INFINITY) return "-inf";
        return null;
    }

    /** Fixed decimals, e.g. fixed(0.4123, 2) = "0.41"; non-finite as NaN / inf / -inf. */
    public static String fixed(double v, int decimals) {
        String nf = nonFinite(v);
        if (nf != null) return nf;
        String s = String.format(Locale.ROOT, "%." + decimals + "f", v);
        return s.matches("-0(\\.0*)?") ? s.substring(1) : s;
    }

    /**
     * Compact number with about three significant digits: 2.31, 0.41, 0.0312, 1234,
     * 1.5e-05, 2.1e+07. Non-finite as NaN / inf / -inf.
     */
    public static String num(double v) {
        String nf = nonFinite(v);
        if (nf != null) return nf;
        if (v == 0) return "0";
        double a = Math.abs(v);
        if (a >= 1e7 || a < 1e-3) {
            return String.format(Locale.ROOT, "%.1e", v).replace("e+0", "e+").replace("e-0", "e-");
        }
        if (a >= 100) return String.format(Locale.ROOT, "%.0f", v);
        String s = String.format(Locale.ROOT, "%.3g", v);
        if (s.contains(".")) s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
        return s;
    }

    /** A fraction in [0,1] as a percentage with one decimal: 0.9731 -> "97.3%". */
    public static String pct(double fraction) {
        String nf = nonFinite(fraction);
        if (nf != null) return nf;
        return String.format(Locale.ROOT, "%.1f%%", fraction * 100);
    }

    /** Integer with thousands separators: 15910 -> "15,910". */
    public static String group(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** Durations like "0.4s", "12s", "1m05s", "2h03m"; "--" when unknown. */
    public static String duration(double seconds) {
        if (!Double.isFinite(seconds) || seconds < 0) return "--";
        if (seconds < 10) return String.format(Locale.ROOT, "%.1fs", seconds);
        long s = Math.round(seconds);
        if (s < 60) return s + "s";
        if (s < 3600) return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        long m = Math.round(seconds / 60);
        if (m < 100 * 60) return String.format(Locale.ROOT, "%dh%02dm", m / 60, m % 60);
        return String.format(Locale.ROOT, "%dd%02dh", m / 1440, (m % 1440) / 60);
    }

    /** 256-color foreground escape. */
    public static String fg(int color) {
        return ESC + "38;5;" + color + "m";
    }

    /** 256-color background escape. */
    public static String bg(int color) {
        return ESC + "48;5;" + color + "m";
    }

    /** Wraps text in a foreground color when the style allows color, else returns it unchanged. */
    public static String paint(String s, int color, Style style) {
        return style.colored() ? fg(color) + s + RESET : s;
    }

    /** Bold when the style allows escapes. */
    public static String bold(String s, Style style) {
        return style.colored() ? ESC + "1m" + s + RESET : s;
    }

    /** Joins lines with '\n' (no trailing newline). */
    public static String join(List<String> lines) {
        return String.join("\n", lines);
    }

    /**
     * Places blocks (each a list of lines) side by side with a gap, wrapping onto further
     * rows of blocks when the next one would exceed {@code width}. Blocks in one row are
     * top-aligned and padded to their own widest line. Rows are separated by a blank line.
     */
    public static List<String> flow(List<List<String>> blocks, int gap, int width) {
        List<String> out = new ArrayList<>();
        List<List<String>> row = new ArrayList<>();
        int used = 0;
        for (List<String> block : blocks) {
            int bw = 0;
            for (String l : block) bw = Math.max(bw, displayWidth(l));
            int need = row.isEmpty() ? bw : used + gap + bw;
            if (!row.isEmpty() && need > width) {
                if (!out.isEmpty()) out.add("");
                out.addAll(beside(row, gap));
                row.clear();
                need = bw;
            }
            row.add(block);
            used = need;
        }
        if (!row.isEmpty()) {
            if (!out.isEmpty()) out.add("");
            out.addAll(beside(row, gap));
        }
        return out;
    }

    /** Blocks side by side, top-aligned; trailing spaces trimmed. */
    public static List<String> beside(List<List<String>> blocks, int gap) {
        int h = 0;
        int[] widths = new int[blocks.size()];
        for (int i = 0; i < blocks.size(); i++) {
            h = Math.max(h, blocks.get(i).size());
            for (String l : blocks.get(i)) widths[i] = Math.max(widths[i], displayWidth(l));
        }
        List<String> out = new ArrayList<>();
        for (int r = 0; r < h; r++) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < blocks.size(); i++) {
                if (i > 0) b.append(repeat(" ", gap));
                List<String> bl = blocks.get(i);
                String l = r < bl.size() ? bl.get(r) : "";
                b.append(i == blocks.size() - 1 ? l : padRight(l, widths[i]));
            }
            out.add(stripTrailing(b.toString()));
        }
        return out;
    }

    /** Trims trailing spaces that are outside escape sequences (safe for colored lines). */
    public static String stripTrailing(String s) {
        if (s.indexOf('\u001b') < 0) return s.stripTrailing();
        return s.endsWith(" ") && !s.contains(ESC + "48") ? s.stripTrailing() : s;
    }
}
