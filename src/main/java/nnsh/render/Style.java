package nnsh.render;

/**
 * How a view may draw: the terminal width in columns, whether non-ASCII glyphs are
 * allowed, and which color escapes may be used. Every view takes one and never
 * returns a line wider than {@link #width()}.
 */
public record Style(int width, boolean unicode, Color color) {

    /** Color capability of the terminal. */
    public enum Color { NONE, ANSI256 }

    /** Narrowest terminal the views are designed for. */
    public static final int MIN_WIDTH = 20;

    public Style {
        if (width < MIN_WIDTH) {
            throw new IllegalArgumentException("terminal width " + width + " < " + MIN_WIDTH);
        }
        if (color == null) {
            throw new IllegalArgumentException("color must not be null");
        }
    }

    /** Plain ASCII, no escape codes: dumb terminals, pipes, scripts, logs. */
    public static Style plain(int width) {
        return new Style(width, false, Color.NONE);
    }

    /** Unicode glyphs but no color (e.g. NO_COLOR set). */
    public static Style unicode(int width) {
        return new Style(width, true, Color.NONE);
    }

    /** Unicode glyphs and 256 colors: a modern terminal emulator. */
    public static Style rich(int width) {
        return new Style(width, true, Color.ANSI256);
    }

    public boolean colored() {
        return color == Color.ANSI256;
    }

    /** The same style at another width (clamped to {@link #MIN_WIDTH}). */
    public Style withWidth(int columns) {
        return new Style(Math.max(MIN_WIDTH, columns), unicode, color);
    }
}
