package nnsh.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TextTest {
    @Test
    void displayWidthIgnoresEscapesAndCountsWideGlyphs() {
        assertEquals(5, Text.displayWidth("hello"));
        assertEquals(5, Text.displayWidth("\u001b[38;5;196mhello\u001b[0m"));
        assertEquals(3, Text.displayWidth("\u001b[1m▀█▄\u001b[0m"));
        assertEquals(4, Text.displayWidth("数字"));
        assertEquals(1, Text.displayWidth("e\u0301"));
        assertEquals(2, Text.displayWidth("\uD83D\uDE00"));
        assertEquals(0, Text.displayWidth(""));
        assertEquals(7, Text.maxLineWidth("ab\nabcdefg\n\u001b[0mabc"));
    }

    @Test
    void nonFiniteNumbersPrintTheSameEverywhere() {
        for (int d = 0; d < 4; d++) {
            assertEquals("NaN", Text.fixed(Double.NaN, d));
            assertEquals("inf", Text.fixed(Double.POSITIVE_INFINITY, d));
            assertEquals("-inf", Text.fixed(Double.NEGATIVE_INFINITY, d));
        }
        assertEquals("NaN", Text.num(Double.NaN));
        assertEquals("inf", Text.num(Double.POSITIVE_INFINITY));
        assertEquals("-inf", Text.num(Double.NEGATIVE_INFINITY));
        assertEquals("NaN", Text.pct(Double.NaN));
        assertEquals("  NaN", Text.padLeft(Text.num(Double.NaN), 5));
        assertEquals(" -inf", Text.padLeft(Text.num(Double.NEGATIVE_INFINITY), 5));
    }

    @Test
    void compactNumbers() {
        assertEquals("2.31", Text.num(2.3125));
        assertEquals("0.41", Text.num(0.41));
        assertEquals("0.0312", Text.num(0.03121));
        assertEquals("1234", Text.num(1234.4));
        assertEquals("0", Text.num(0));
        assertEquals("1.5e-5", Text.num(0.000015));
        assertEquals("-2.5e+7", Text.num(-2.5e7));
        assertEquals("0.00", Text.fixed(-0.001, 2));
        assertEquals("97.3%", Text.pct(0.9731));
        assertEquals("15,910", Text.group(15910));
    }

    @Test
    void durations() {
        assertEquals("0.4s", Text.duration(0.42));
        assertEquals("12s", Text.duration(12.3));
        assertEquals("1m05s", Text.duration(65));
        assertEquals("59m59s", Text.duration(3599));
        assertEquals("1h02m", Text.duration(3725));
        assertEquals("--", Text.duration(Double.NaN));
        assertEquals("--", Text.duration(-1));
    }

    @Test
    void truncateAndPad() {
        assertEquals("abcd~", Text.truncate("abcdefgh", 5, false));
        assertEquals("abcd…", Text.truncate("abcdefgh", 5, true));
        assertEquals("abc", Text.truncate("abc", 5, true));
        assertEquals("ab   ", Text.padRight("ab", 5));
        assertEquals(" ab  ", Text.center("ab", 5));
    }

    @Test
    void styleFactories() {
        assertEquals(new Style(80, false, Style.Color.NONE), Style.plain(80));
        assertEquals(new Style(100, true, Style.Color.ANSI256), Style.rich(100));
        assertThrows(IllegalArgumentException.class, () -> Style.plain(5));
    }
}
