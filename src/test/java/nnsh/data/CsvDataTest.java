package nnsh.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import nnsh.UserError;

class CsvDataTest {
    @TempDir
    Path dir;

    Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    static String header(boolean label, int pixels) {
        StringBuilder sb = new StringBuilder(label ? "label" : "");
        for (int i = 0; i < pixels; i++) sb.append(sb.length() == 0 ? "" : ",").append("pixel").append(i);
        return sb.append("\r\n").toString();
    }

    static String row(Integer label, int pixels, int value, boolean labelLast) {
        StringBuilder sb = new StringBuilder();
        if (label != null && !labelLast) sb.append(label).append(',');
        for (int i = 0; i < pixels; i++) sb.append(i == 0 ? "" : ",").append(value);
        if (label != null && labelLast) sb.append(',').append(label);
        return sb.append("\r\n").toString();
    }

    @Test
    void kaggleTrainLayout() throws IOException {
        Path p = write("train.csv", "\uFEFF" + header(true, 4) + row(3, 4, 255, false) + row(8, 4, 51, false));
        CsvData.Result r = CsvData.read("t", p, 0);
        assertTrue(r.layout.startsWith("Kaggle layout"), r.layout);
        assertArrayEquals(new int[] {3, 8}, r.data.y);
        assertEquals(2, r.data.width);
        assertEquals(1.0, r.data.x[0], 0);
        assertEquals(0.2, r.data.x[4], 1e-15);
    }

    @Test
    void kaggleTestLayoutHasNoLabels() throws IOException {
        Path p = write("test.csv", header(false, 4) + row(null, 4, 0, false) + row(null, 4, 255, false) + row(null, 4, 1, false));
        CsvData.Result r = CsvData.read("t", p, 0);
        assertTrue(r.layout.contains("no labels"), r.layout);
        assertNull(r.data.y);
        assertEquals(3, r.data.n);
    }

    @Test
    void labelLastLikeTheEightByEightDigits() throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 20; i++) sb.append(row(i % 10, 64, i % 17, true).replaceFirst("^\\d+", "0"));
        Path p = write("digits.csv", sb.toString());
        CsvData.Result r = CsvData.read("d", p, 0);
        assertEquals("no header, label last, 8x8 pixels scaled by 1/16", r.layout);
        assertEquals(9, r.data.y[9]);
        assertEquals(1 / 16.0, r.data.x[64 + 1], 1e-15);
    }

    /** The scale was printed through a long, so any scale past Long.MAX_VALUE showed as 9223372036854775807. */
    @Test
    void aHugeScaleIsPrintedAsItIs() throws IOException {
        Path p = write("huge.csv", row(null, 4, 7, false));
        assertEquals("no header, no labels, 2x2 pixels scaled by 1/1.0E20", CsvData.read("h", p, 1e20).layout);
        Path neg = write("neg.csv", row(null, 4, -1, false));
        UserError e = assertThrows(UserError.class, () -> CsvData.read("n", neg, 1e20));
        assertTrue(e.getMessage().endsWith("-1; expected 0 to 1.0E20 (use --scale to change the range)"), e.getMessage());
        Path small = write("small.csv", row(null, 4, 2, false));
        assertEquals("no header, no labels, 2x2 pixels scaled by 1/2.5", CsvData.read("s", small, 2.5).layout);
    }

    /** A cell is quoted in the message as printable ASCII: an escape sequence in the file no longer reaches the terminal. */
    @Test
    void aBadCellIsQuotedPrintably() throws IOException {
        Path p = write("esc.csv", "1,2,3,x\u001b[2J\u00e9\n");
        UserError e = assertThrows(UserError.class, () -> CsvData.read("e", p, 0));
        assertEquals(p + ": line 1, column 4: 'x?[2J?' is not a number", e.getMessage());
        Path longCell = write("long.csv", "1,2,3," + "y".repeat(30) + "\n");
        e = assertThrows(UserError.class, () -> CsvData.read("l", longCell, 0));
        assertEquals(longCell + ": line 1, column 4: '" + "y".repeat(20) + "...' is not a number", e.getMessage());
    }

    /**
     * A .csv.gz cut short ends in an EOFException without a message, whose class name contains
     * "EOF": it was reported as an unclosed quote. Damaged gzip data is now named as such, as the
     * IDX reader names it.
     */
    @Test
    void aCutOffGzipIsNotAnUnclosedQuote() throws IOException {
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(b)) {
            gz.write((row(null, 4, 1, false) + row(null, 4, 2, false)).getBytes(StandardCharsets.US_ASCII));
        }
        byte[] whole = b.toByteArray();
        Path cut = dir.resolve("cut.csv.gz");
        Files.write(cut, java.util.Arrays.copyOf(whole, whole.length - 3));
        UserError e = assertThrows(UserError.class, () -> CsvData.read("c", cut, 0));
        assertEquals(cut + ": corrupted or truncated gzip data (unexpected end); expected an intact .gz file", e.getMessage());
        Path bad = dir.resolve("bad.csv.gz");
        Files.write(bad, new byte[] {0x1f, (byte) 0x8b, 1, 2, 3});
        e = assertThrows(UserError.class, () -> CsvData.read("b", bad, 0));
        assertTrue(e.getMessage().startsWith(bad + ": corrupted or truncated gzip data ("), e.getMessage());
        Path quote = write("quote.csv", "1,2,3,\"4\n");
        e = assertThrows(UserError.class, () -> CsvData.read("q", quote, 0));
        assertTrue(e.getMessage().contains("a quoted cell is not closed before the end of the file"), e.getMessage());
    }

    @Test
    void bundledDigits() {
        Bundled.Pair p = Bundled.digits(0);
        assertEquals(1797, p.train.n);
        assertEquals(64, p.train.features);
        assertArrayEquals(new int[] {178, 182, 177, 183, 181, 182, 181, 179, 174, 180}, p.train.classCounts(10));
        // Pixels 0 .. 16 scaled as the reader scales them: the sparse form holds them as one-byte codes.
        assertTrue(nnsh.core.SparseRows.of(p.train.x, p.train.n, p.train.features).coded());
    }

    @Test
    void clearErrors() throws IOException {
        assertMessage(write("empty.csv", ""), "empty file");
        assertMessage(write("h.csv", header(true, 4)), "header but no rows");
        assertMessage(write("ragged.csv", header(true, 4) + row(1, 4, 0, false) + "2,0,0\n"), "line 3 has 3 columns; expected 5");
        assertMessage(write("nan.csv", header(true, 4) + "1,0,x,0,0\n"), "line 2, column 3: 'x' is not a number");
        assertMessage(write("range.csv", header(true, 4) + "1,0,300,0,0\n"), "line 2, column 3 (pixel 1): 300; expected 0 to 255");
        assertMessage(write("label.csv", header(true, 4) + "12,0,0,0,0\n"), "line 2, column 1: label 12; expected a digit 0-9");
        assertMessage(write("odd.csv", header(true, 3) + "1,0,0,0\n"), "expected a square image");
    }

    /** Every mistake names the file, the line (blank lines counted) and the column, and says what was expected. */
    @Test
    void everyBadCellIsNamedByLineAndColumn() throws IOException {
        String h = header(true, 4);
        assertMessage(write("extra.csv", h + "1,0,0,0,0\n2,0,0,0,0,0\n"), "line 3 has 6 columns; expected 5 like the first row");
        assertMessage(write("blank.csv", h + "\n1,0,0,0,0\n\n2,0,x,0,0\n"), "line 5, column 3: 'x' is not a number");
        assertMessage(write("blank2.csv", h + "\n\n1,0,-3,0,0\n"), "line 4, column 3 (pixel 1): -3; expected 0 to 255");
        assertMessage(write("nan.csv", h + "1,0,NaN,0,0\n"), "line 2, column 3: NaN; expected a finite number");
        assertMessage(write("inf.csv", h + "1,0,0,0,-Infinity\n"), "line 2, column 5: -Infinity; expected a finite number");
        assertMessage(write("empty-cell.csv", h + "1,0,,0,0\n"), "line 2, column 3: '' is not a number");
        assertMessage(write("frac.csv", h + "1.5,0,0,0,0\n"), "line 2, column 1: label 1.5; expected a digit 0-9");
        assertMessage(write("neg-label.csv", h + "-1,0,0,0,0\n"), "line 2, column 1: label -1; expected a digit 0-9");
        assertMessage(write("last.csv", "p0,p1,p2,p3,label\n0,0,0,0,1\n0,0,0,0,10\n"), "line 3, column 5: label 10; expected a digit 0-9");
        assertMessage(write("quote.csv", h + "1,0,\"3,0,0\n"), "line 2: malformed CSV: a quoted cell is not closed before the end of the file");
        assertMessage(write("quote2.csv", h + "1,0,\"3\"x,0,0\n"), "line 2: malformed CSV: text after the closing quote of a cell");
        assertMessage(write("blank-only.csv", "\n\n  \n"), "empty file; expected one image per row");
        assertMessage(write("header-blank.csv", h + "\n\n"), "has a header but no rows");
        assertMessage(write("label-middle.csv", "p0,p1,label,p2,p3\n0,0,1,0,0\n"), "line 1: the 'label' column is column 3 of 5; expected it first or last");
    }

    @Test
    void aByteOrderMarkAndCrlfLineEndsReadLikePlainText() throws IOException {
        String text = "label,p0,p1,p2,p3\n1,0,3,0,0\n2,1,1,1,255\n";
        CsvData.Result plain = CsvData.read("t", write("plain.csv", text), 0);
        Path bomCrlf = dir.resolve("bom.csv");
        byte[] body = text.replace("\n", "\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] withBom = new byte[body.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(body, 0, withBom, 3, body.length);
        Files.write(bomCrlf, withBom);
        CsvData.Result r = CsvData.read("t", bomCrlf, 0);
        assertEquals(plain.layout, r.layout);
        assertArrayEquals(plain.data.x, r.data.x);
        assertArrayEquals(plain.data.y, r.data.y);
        assertMessage(write("crlf-bad.csv", "label,p0,p1,p2,p3\r\n1,0,0,0,0\r\n\r\n2,0,0,0\r\n"),
                "line 4 has 4 columns; expected 5 like the first row");
    }

    void assertMessage(Path p, String expected) {
        UserError e = assertThrows(UserError.class, () -> CsvData.read("t", p, 0));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertTrue(e.getMessage().startsWith(p.toString()), e.getMessage());
    }
}
