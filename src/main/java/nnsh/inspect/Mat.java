package nnsh.inspect;

import java.util.Locale;

/**
 * A live matrix view onto a double[] the engine owns: reads see the current values, writes change
 * them (so zeroing a row of {@code W(1)} changes the next prediction). Element (r, c) is
 * {@code data[offset + r * rowStride + c * colStride]}; that lets one class show a layer's W
 * (out x in, row-major) as well as the data X (features x m over one-example-per-row storage).
 */
public final class Mat {
    private final String name;
    private final double[] data;
    private final int offset, rows, cols, rowStride, colStride;

    public Mat(String name, double[] data, int offset, int rows, int cols, int rowStride, int colStride) {
        this.name = name;
        this.data = data;
        this.offset = offset;
        this.rows = rows;
        this.cols = cols;
        this.rowStride = rowStride;
        this.colStride = colStride;
    }

    /** A rows x cols view of row-major storage. */
    public static Mat rowMajor(String name, double[] data, int rows, int cols) {
        return new Mat(name, data, 0, rows, cols, cols, 1);
    }

    /** A new matrix of zeros, not backed by the engine. */
    public static Mat zeros(int rows, int cols) {
        return rowMajor(rows + "x" + cols, new double[rows * cols], rows, cols);
    }

    public String name() {
        return name;
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    /** "10x784". */
    public String shape() {
        return rows + "x" + cols;
    }

    private int at(int r, int c) {
        if (r < 0 || r >= rows || c < 0 || c >= cols) {
            throw new IndexOutOfBoundsException(name + " is " + shape() + "; no element (" + r + ", " + c + ")");
        }
        return offset + r * rowStride + c * colStride;
    }

    public double get(int r, int c) {
        return data[at(r, c)];
    }

    public void set(int r, int c, double v) {
        data[at(r, c)] = v;
    }

    /** Row r as a new array (a copy: change the matrix with set, setRow, fillRow or rowView). */
    public double[] row(int r) {
        double[] v = new double[cols];
        for (int c = 0; c < cols; c++) v[c] = get(r, c);
        return v;
    }

    /** Column c as a new array. */
    public double[] col(int c) {
        double[] v = new double[rows];
        for (int r = 0; r < rows; r++) v[r] = get(r, c);
        return v;
    }

    /** Row r as a live 1 x cols view. */
    public Mat rowView(int r) {
        at(r, 0);
        return new Mat(name + "[" + r + ",:]", data, offset + r * rowStride, 1, cols, rowStride, colStride);
    }

    /** Column c as a live rows x 1 view. */
    public Mat colView(int c) {
        at(0, c);
        return new Mat(name + "[:," + c + "]", data, offset + c * colStride, rows, 1, rowStride, colStride);
    }

    /** The transpose, as a live view. */
    public Mat T() {
        return new Mat(name + "^T", data, offset, cols, rows, colStride, rowStride);
    }

    public void setRow(int r, double[] v) {
        if (v.length != cols) throw new IllegalArgumentException(name + " rows have " + cols + " values, not " + v.length);
        for (int c = 0; c < cols; c++) set(r, c, v[c]);
    }

    public void fillRow(int r, double v) {
        for (int c = 0; c < cols; c++) set(r, c, v);
    }

    public void fillCol(int c, double v) {
        for (int r = 0; r < rows; r++) set(r, c, v);
    }

    /** Sets every element to v. */
    public Mat fill(double v) {
        for (int r = 0; r < rows; r++) for (int c = 0; c < cols; c++) data[offset + r * rowStride + c * colStride] = v;
        return this;
    }

    /** Multiplies every element by f. */
    public Mat scale(double f) {
        for (int r = 0; r < rows; r++) for (int c = 0; c < cols; c++) data[offset + r * rowStride + c * colStride] *= f;
        return this;
    }

    /** A copy with its own storage (changing it does not change the engine). */
    public Mat copy() {
        double[] d = new double[rows * cols];
        for (int r = 0; r < rows; r++) for (int c = 0; c < cols; c++) d[r * cols + c] = get(r, c);
        return rowMajor(name, d, rows, cols);
    }

    /** Frobenius norm: the square root of the sum of squares. */
    public double norm() {
        double s = 0;
        for (int r = 0; r < rows; r++) for (int c = 0; c < cols; c++) {
            double v = data[offset + r * rowStride + c * colStride];
            s += v * v;
        }
        return Math.sqrt(s);
    }

    /** The norm of row r (for W: unit r's incoming weights). */
    public double rowNorm(int r) {
        return rowView(r).norm();
    }

    /** The norm of every row. */
    public double[] rowNorms() {
        double[] n = new double[rows];
        for (int r = 0; r < rows; r++) n[r] = rowNorm(r);
        return n;
    }

    public double sum() {
        double s = 0;
        for (int r = 0; r < rows; r++) for (int c = 0; c < cols; c++) s += data[offset + r * rowStride + c * colStride];
        return s;
    }

    public double mean() {
        return sum() / ((double) rows * cols);
    }

    public double min() {
        double m = Double.POSITIVE_INFINITY;
        for (int r = 0; r < rows; r++) for (int c = 0; c < cols; c++) m = Math.min(m, data[offset + r * rowStride + c * colStride]);
        return m;
    }

    public double max() {
        double m = Double.NEGATIVE_INFINITY;
        for (int r = 0; r < rows; r++) for (int c = 0; c < cols; c++) m = Math.max(m, data[offset + r * rowStride + c * colStride]);
        return m;
    }

    /** How many elements equal v (for example count(0) for the zeros). */
    public int count(double v) {
        int n = 0;
        for (int r = 0; r < rows; r++) for (int c = 0; c < cols; c++) if (data[offset + r * rowStride + c * colStride] == v) n++;
        return n;
    }

    /** The elements, row by row, as a new array. */
    public double[] toArray() {
        return copy().data;
    }

    /** {@code W1 10x784 [[0.0123, -0.2, ...], ...]}: the name, the shape and the first few values. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(name).append(' ').append(shape()).append(" [");
        int showRows = Math.min(rows, 2), showCols = Math.min(cols, 3);
        for (int r = 0; r < showRows; r++) {
            if (r > 0) sb.append(", ");
            sb.append('[');
            for (int c = 0; c < showCols; c++) {
                if (c > 0) sb.append(", ");
                sb.append(num(get(r, c)));
            }
            if (cols > showCols) sb.append(", ...");
            sb.append(']');
        }
        if (rows > showRows) sb.append(", ...");
        return sb.append(']').toString();
    }

    static String num(double v) {
        if (v == 0) return "0.0";
        if (Double.isNaN(v) || Double.isInfinite(v)) return Double.toString(v);
        double a = Math.abs(v);
        if (a >= 1e-3 && a < 1e5) {
            String s = String.format(Locale.ROOT, "%.4f", v);
            s = s.replaceAll("0+$", "");
            return s.endsWith(".") ? s + "0" : s;
        }
        return String.format(Locale.ROOT, "%.3e", v);
    }
}
