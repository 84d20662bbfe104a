package nnsh.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import nnsh.UserError;

/**
 * NumPy's .npy format for 2-D arrays of doubles. Written as version 1.0: the magic "\x93NUMPY",
 * bytes 1 0, a little-endian uint16 header length, then the header, a Python dict literal
 * {@code {'descr': '<f8', 'fortran_order': False, 'shape': (rows, cols), }} padded with spaces and
 * ended by '\n' so the data starts at a multiple of 64, then rows x cols little-endian doubles in
 * row-major (C) order. Reads versions 1.0 to 3.0 with descr '<f8', '>f8' or '<f4', C or Fortran order.
 */
public final class Npy {
    private Npy() {}

    public static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};

    /** A matrix read from a .npy file, row-major. A 1-D array of n is read as n x 1. */
    public static final class Array {
        public final int rows;
        public final int cols;
        public final double[] data;
        public final String shape;

        Array(int rows, int cols, double[] data, String shape) {
            this.rows = rows;
            this.cols = cols;
            this.data = data;
            this.shape = shape;
        }
    }

    /** The header, padded so that magic + version + length + header is a multiple of 64. */
    static byte[] header(int rows, int cols) {
        String dict = "{'descr': '<f8', 'fortran_order': False, 'shape': (" + rows + ", " + cols + "), }";
        int unpadded = MAGIC.length + 2 + 2 + dict.length() + 1;
        int total = (unpadded + 63) / 64 * 64;
        String h = dict + " ".repeat(total - unpadded) + "\n";
        ByteBuffer b = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) h.length()).put(h.getBytes(StandardCharsets.US_ASCII));
        return b.array();
    }

    /** The whole file: header then data (rows x cols, row-major). */
    public static byte[] encode(double[] data, int rows, int cols) {
        if ((long) rows * cols != data.length) throw new IllegalArgumentException(data.length + " values for " + rows + " x " + cols);
        byte[] h = header(rows, cols);
        ByteBuffer b = ByteBuffer.allocate(h.length + data.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        b.put(h);
        b.asDoubleBuffer().put(data);
        return b.array();
    }

    /** Writes atomically. */
    public static void write(Path file, double[] data, int rows, int cols) {
        byte[] bytes = encode(data, rows, cols);
        AtomicFile.write(file, out -> out.write(bytes));
    }

    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    public static Array read(Path file) {
        return read(file, "no such file");
    }

    /** Reads with the caller's words for a missing file ("FILE: " + missing). */
    static Array read(Path file, String missing) {
        UserFiles.checkFile(file, "a .npy file", missing);
        return decode(UserFiles.readAll(file, "too large for one array"), file.toString());
    }

    public static Array decode(byte[] bytes, String name) {
        String p = name + ": ";
        if (bytes.length < 10 || !FileKind.startsWith(bytes, MAGIC)) {
            throw new UserError(p + "not a NumPy .npy file (" + FileKind.describe(bytes) + "); expected one written by numpy.save or 'export npy'");
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int major = bytes[6], minor = bytes[7];
        long hlen;
        int start;
        if (major == 1) {
            hlen = b.getShort(8) & 0xFFFF;
            start = 10;
        } else if (major == 2 || major == 3) {
            if (bytes.length < 12) throw new UserError(p + "truncated .npy header");
            hlen = b.getInt(8) & 0xFFFFFFFFL;
            start = 12;
        } else {
            throw new UserError(p + ".npy format version " + major + "." + minor + "; expected 1.0, 2.0 or 3.0");
        }
        if (start + hlen > bytes.length) throw new UserError(p + "truncated: the .npy header needs " + hlen + " bytes, the file has " + (bytes.length - start) + " after the magic");
        String h = new String(bytes, start, (int) hlen, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        Matcher d = DESCR.matcher(h), f = FORTRAN.matcher(h), s = SHAPE.matcher(h);
        if (!d.find() || !f.find() || !s.find()) throw new UserError(p + "malformed .npy header '" + abbreviate(h.trim()) + "'; expected descr, fortran_order and shape");
        String descr = d.group(1);
        int item;
        ByteOrder order;
        switch (descr) {
            case "<f8": item = 8; order = ByteOrder.LITTLE_ENDIAN; break;
            case ">f8": item = 8; order = ByteOrder.BIG_ENDIAN; break;
            case "<f4": item = 4; order = ByteOrder.LITTLE_ENDIAN; break;
            default: throw new UserError(p + "holds '" + abbreviate(descr) + "' values; expected float64 ('<f8') or float32 ('<f4')");
        }
        boolean fortran = f.group(1).equals("True");
        String[] dims = s.group(1).split(",");
        long[] shape = new long[dims.length];
        int nd = 0;
        for (String dim : dims) {
            String t = dim.trim();
            if (t.isEmpty()) continue;
            try {
                shape[nd++] = Long.parseLong(t.endsWith("L") ? t.substring(0, t.length() - 1) : t);
            } catch (NumberFormatException e) {
                throw new UserError(p + "malformed shape (" + abbreviate(s.group(1)) + ") in the .npy header");
            }
        }
        String shapeText = "(" + abbreviate(s.group(1).trim()) + ")";
        if (nd < 1 || nd > 2) throw new UserError(p + "has shape " + shapeText + "; expected a vector or a matrix");
        long rows = shape[0], cols = nd == 2 ? shape[1] : 1;
        if (rows < 0 || cols < 0) throw new UserError(p + "has shape " + shapeText + "; expected sizes of 0 or more");
        long data = (long) start + hlen;
        long need = rows * cols * item;
        if (rows * cols > Integer.MAX_VALUE - 8 || data + need > bytes.length) {
            throw new UserError(p + "truncated: shape " + shapeText + " of '" + descr + "' needs " + need + " bytes of data, the file has "
                    + (bytes.length - data));
        }
        if (data + need < bytes.length) throw new UserError(p + (bytes.length - data - need) + " unexpected bytes after the data of shape " + shapeText);
        double[] v = new double[(int) (rows * cols)];
        ByteBuffer body = ByteBuffer.wrap(bytes, (int) data, (int) need).slice().order(order);
        if (item == 8) body.asDoubleBuffer().get(v);
        else for (int i = 0; i < v.length; i++) v[i] = body.getFloat(i * 4);
        if (fortran && nd == 2) {
            double[] c = new double[v.length];
            for (int r = 0; r < rows; r++) for (int k = 0; k < cols; k++) c[(int) (r * cols + k)] = v[(int) (k * rows + r)];
            v = c;
        }
        return new Array((int) rows, (int) cols, v, shapeText);
    }

    private static String abbreviate(String s) {
        return FileKind.abbreviate(s, 60);
    }
}
