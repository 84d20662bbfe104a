package nnsh.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import nnsh.UserError;
import nnsh.io.FileKind;
import nnsh.io.UserFiles;

/**
 * Digit images from CSV files (plain or .gz), one image a row, the layout found from the content:
 * <ul>
 *   <li>Kaggle's train.csv: a header {@code label,pixel0,...,pixel783}, label first;</li>
 *   <li>Kaggle's test.csv: a header {@code pixel0,...}, no labels;</li>
 *   <li>no header, label in the last column (the 8x8 digits.csv) or the first (mnist_train.csv).</li>
 * </ul>
 * Images must be square (8x8, 28x28, ...). Pixels are divided by the scale: 16 for 8x8 images,
 * 255 otherwise, unless the caller gives one.
 */
public final class CsvData {
    private CsvData() {}

    /** What was read, and how the layout was understood. */
    public static final class Result {
        public final Dataset data;
        public final String layout;

        Result(Dataset data, String layout) {
            this.data = data;
            this.layout = layout;
        }
    }

    public static Result read(String name, Path file, double scaleOverride) {
        UserFiles.checkFile(file, "a CSV file");
        try (Reader reader = open(file);
             CSVParser parser = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(false).setTrim(true).build().parse(reader)) {
            // Blank lines are kept by the parser and skipped here, so record numbers are line numbers.
            Iterator<CSVRecord> it = nonBlank(parser.iterator());
            if (!it.hasNext()) throw new UserError(file + ": empty file; expected one image per row");
            CSVRecord first = it.next();
            boolean header = !isNumeric(first.get(0)) || (first.size() > 1 && !isNumeric(first.get(1)));
            int cols = first.size();
            int labelCol;
            String layout;
            List<double[]> rows = new ArrayList<>();
            List<Long> firstLines = new ArrayList<>();
            if (header) {
                labelCol = -1;
                for (int c = 0; c < cols; c++) if (first.get(c).equalsIgnoreCase("label")) labelCol = c;
                if (labelCol == 0) layout = "Kaggle layout: header, label first";
                else if (labelCol == cols - 1) layout = "header, label last";
                else if (labelCol < 0) layout = "Kaggle test layout: header, no labels";
                else throw new UserError(file + ": line 1: the 'label' column is column " + (labelCol + 1)
                        + " of " + cols + "; expected it first or last");
                if (!it.hasNext()) throw new UserError(file + ": has a header but no rows; expected one image per row");
            } else {
                rows.add(parseRow(first, file, cols));
                firstLines.add(first.getRecordNumber());
                while (it.hasNext() && rows.size() < 200) {
                    CSVRecord rec = it.next();
                    rows.add(parseRow(rec, file, cols));
                    firstLines.add(rec.getRecordNumber());
                }
                labelCol = guessLabelColumn(rows, cols);
                layout = labelCol == 0 ? "no header, label first" : labelCol == cols - 1 ? "no header, label last" : "no header, no labels";
            }
            int features = labelCol < 0 ? cols : cols - 1;
            if (!isSquare(features)) {
                throw new UserError(file + ": " + features + " pixel columns per row; expected a square image (64 for 8x8, 784 for 28x28)");
            }
            int side = (int) Math.round(Math.sqrt(features));
            double scale = scaleOverride > 0 ? scaleOverride : (features == 64 ? 16 : 255);
            // Collect all rows.
            GrowingData g = new GrowingData(features, labelCol >= 0, scale);
            for (int i = 0; i < rows.size(); i++) g.add(rows.get(i), labelCol, file, firstLines.get(i));
            while (it.hasNext()) {
                CSVRecord rec = it.next();
                g.add(parseRow(rec, file, cols), labelCol, file, rec.getRecordNumber());
            }
            if (g.n == 0) throw new UserError(file + ": no image rows");
            double f = Dataset.pixelFactor(scale);
            for (int i = 0; i < g.n * features; i++) g.x[i] *= f;
            double[] x = java.util.Arrays.copyOf(g.x, g.n * features);
            int[] y = g.y == null ? null : java.util.Arrays.copyOf(g.y, g.n);
            String desc = layout + ", " + side + "x" + side + " pixels scaled by 1/" + num(scale);
            return new Result(new Dataset(name, x, y, g.n, side, side), desc);
        } catch (IOException e) {
            throw readError(file, e);
        } catch (java.io.UncheckedIOException e) {
            throw readError(file, e.getCause());
        } catch (IllegalStateException e) {
            throw new UserError(file + ": malformed CSV (" + e.getMessage() + ")");
        }
    }

    /**
     * The CSV parser's complaints (an unclosed quote, text after a closing quote) as a line number
     * and what was expected; other read errors, a cut-off .gz among them, as any reader words them.
     */
    private static UserError readError(Path file, IOException e) {
        String m = UserFiles.reason(e);
        java.util.regex.Matcher line = java.util.regex.Pattern.compile("line:? (\\d+)").matcher(m);
        // A cut-off .gz ends in a bare EOFException, whose name alone must not read as the parser's "EOF".
        boolean parser = !(e instanceof java.io.EOFException) && !(e instanceof java.util.zip.ZipException);
        if (parser && (m.contains("encapsulated") || m.contains("EOF"))) {
            String where = line.find() ? "line " + line.group(1) + ": " : "";
            String what = m.contains("EOF") ? "a quoted cell is not closed before the end of the file"
                    : "text after the closing quote of a cell";
            return new UserError(file + ": " + where + "malformed CSV: " + what + "; expected numbers separated by commas");
        }
        return UserFiles.readError(file, e);
    }

    private static Iterator<CSVRecord> nonBlank(Iterator<CSVRecord> all) {
        return new Iterator<>() {
            CSVRecord next;

            @Override
            public boolean hasNext() {
                while (next == null && all.hasNext()) {
                    CSVRecord r = all.next();
                    if (!(r.size() == 1 && r.get(0).isEmpty())) next = r;
                }
                return next != null;
            }

            @Override
            public CSVRecord next() {
                if (!hasNext()) throw new java.util.NoSuchElementException();
                CSVRecord r = next;
                next = null;
                return r;
            }
        };
    }

    /** 300 rather than 300.0, 1.5 as it is. */
    private static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    private static Reader open(Path file) throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(UserFiles.open(file), StandardCharsets.UTF_8), 1 << 16);
        r.mark(1);
        if (r.read() != '\uFEFF') r.reset();
        return r;
    }

    private static boolean isNumeric(String s) {
        if (s.isEmpty()) return false;
        try {
            Double.parseDouble(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static double[] parseRow(CSVRecord rec, Path file, int cols) {
        long line = rec.getRecordNumber();
        if (rec.size() != cols) {
            throw new UserError(file + ": line " + line + " has " + rec.size() + " columns; expected " + cols + " like the first row");
        }
        double[] v = new double[cols];
        for (int c = 0; c < cols; c++) {
            String s = rec.get(c);
            try {
                v[c] = Double.parseDouble(s);
            } catch (NumberFormatException e) {
                throw new UserError(file + ": line " + line + ", column " + (c + 1) + ": '" + FileKind.abbreviate(s, 20) + "' is not a number");
            }
            if (!Double.isFinite(v[c])) {
                throw new UserError(file + ": line " + line + ", column " + (c + 1) + ": " + s + "; expected a finite number");
            }
        }
        return v;
    }

    /** The column that looks like labels (whole numbers 0-9, several distinct), first or last; -1 if neither. */
    private static int guessLabelColumn(List<double[]> rows, int cols) {
        int firstDistinct = labelLike(rows, 0), lastDistinct = labelLike(rows, cols - 1);
        boolean squareWithout = isSquare(cols - 1), squareWith = isSquare(cols);
        if (squareWith && !squareWithout) return -1;
        if (lastDistinct >= firstDistinct && lastDistinct > 1) return cols - 1;
        if (firstDistinct > 1) return 0;
        return lastDistinct > 0 ? cols - 1 : (firstDistinct > 0 ? 0 : -1);
    }

    private static boolean isSquare(int n) {
        int s = (int) Math.round(Math.sqrt(n));
        return n > 0 && s * s == n;
    }

    /** A whole number 0 to 9: a label. */
    private static boolean isDigit(double v) {
        return v == Math.rint(v) && v >= 0 && v <= 9;
    }

    /** Number of distinct values if the column holds only whole numbers 0-9, else 0. */
    private static int labelLike(List<double[]> rows, int c) {
        boolean[] seen = new boolean[10];
        for (double[] r : rows) {
            double v = r[c];
            if (!isDigit(v)) return 0;
            seen[(int) v] = true;
        }
        int d = 0;
        for (boolean b : seen) if (b) d++;
        return d;
    }

    private static final class GrowingData {
        final int features;
        double[] x;
        int[] y;
        int n;

        final double scale;

        GrowingData(int features, boolean labeled, double scale) {
            this.features = features;
            this.scale = scale;
            this.x = new double[features * 1024];
            this.y = labeled ? new int[1024] : null;
        }

        void add(double[] row, int labelCol, Path file, long line) {
            if ((n + 1) * (long) features > x.length) {
                long cap = Math.min((long) x.length * 2, Integer.MAX_VALUE - 8);
                if (cap < (n + 1) * (long) features) throw new UserError(file + ": too many rows to hold in memory");
                x = java.util.Arrays.copyOf(x, (int) cap);
            }
            int o = n * features;
            int skip = labelCol == 0 ? 1 : 0;
            for (int c = 0; c < features; c++) {
                double v = row[c + skip];
                if (v < 0 || v > scale) {
                    throw new UserError(file + ": line " + line + ", column " + (c + skip + 1) + " (pixel " + c + "): " + num(v)
                            + "; expected 0 to " + num(scale) + " (use --scale to change the range)");
                }
            }
            if (labelCol >= 0) {
                double lab = row[labelCol];
                if (!isDigit(lab)) {
                    throw new UserError(file + ": line " + line + ", column " + (labelCol + 1) + ": label " + num(lab) + "; expected a digit 0-9");
                }
                if (n == y.length) y = java.util.Arrays.copyOf(y, y.length * 2);
                y[n] = (int) lab;
            }
            System.arraycopy(row, skip, x, o, features);
            n++;
        }
    }
}
