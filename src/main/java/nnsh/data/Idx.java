package nnsh.data;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Path;

import nnsh.UserError;
import nnsh.io.UserFiles;

/**
 * Reader for the IDX files MNIST comes in (raw or gzip-compressed, told apart by content).
 * <pre>
 *   magic: 0x00 0x00 type dims   (type 0x08 = unsigned byte)
 *   dims x 4-byte big-endian sizes, then the data
 *   images: dims = 3 (count, rows, cols), magic 0x00000803
 *   labels: dims = 1 (count),             magic 0x00000801
 * </pre>
 */
public final class Idx {

    private Idx() {}

    public static final class Images {
        public final int count, rows, cols;
        public final byte[] pixels;

        Images(int count, int rows, int cols, byte[] pixels) {
            this.count = count;
            this.rows = rows;
            this.cols = cols;
            this.pixels = pixels;
        }
    }

    public static Images readImages(Path file) {
        try (DataInputStream in = open(file)) {
            int magic = readMagic(in, file);
            if (magic == 0x00000801) throw new UserError(file + ": this is an IDX label file (magic 0x00000801); expected an image file (magic 0x00000803)");
            if (magic != 0x00000803) throw new UserError(file + ": not an IDX image file (magic 0x" + hex(magic) + ", expected 0x00000803)");
            int count = readDim(in, file, "image count");
            int rows = readDim(in, file, "rows");
            int cols = readDim(in, file, "columns");
            if (rows == 0 || cols == 0) throw new UserError(file + ": images of " + rows + "x" + cols + " pixels; expected at least 1x1");
            long total = (long) count * rows * cols;
            if (total > Integer.MAX_VALUE - 8 || (long) rows * cols > 1 << 20) {
                throw new UserError(file + ": header claims " + count + " images of " + rows + "x" + cols
                        + " pixels (" + total + " bytes); too large to be a digit data set");
            }
            byte[] px = readFully(in, (int) total, file, 16);
            expectEnd(in, file, 16 + total);
            return new Images(count, rows, cols, px);
        } catch (IOException e) {
            throw UserFiles.readError(file, e);
        }
    }

    public static int[] readLabels(Path file) {
        try (DataInputStream in = open(file)) {
            int magic = readMagic(in, file);
            if (magic == 0x00000803) throw new UserError(file + ": this is an IDX image file (magic 0x00000803); expected a label file (magic 0x00000801)");
            if (magic != 0x00000801) throw new UserError(file + ": not an IDX label file (magic 0x" + hex(magic) + ", expected 0x00000801)");
            int count = readDim(in, file, "label count");
            if (count > Integer.MAX_VALUE - 8) throw new UserError(file + ": header claims " + count + " labels; too many");
            byte[] raw = readFully(in, count, file, 8);
            expectEnd(in, file, 8L + count);
            int[] labels = new int[count];
            for (int i = 0; i < count; i++) {
                labels[i] = raw[i] & 0xFF;
                if (labels[i] > 9) throw new UserError(file + ": label " + labels[i] + " at index " + i + "; expected a digit 0-9");
            }
            return labels;
        } catch (IOException e) {
            throw UserFiles.readError(file, e);
        }
    }

    /** Images and labels as one data set, pixels scaled by 1/scale (by 1/255 when scaleOverride is 0). */
    public static Dataset read(String name, Path images, Path labels, double scaleOverride) {
        double scale = scaleOverride > 0 ? scaleOverride : 255;
        Images im = readImages(images);
        int[] y = labels == null ? null : readLabels(labels);
        if (y != null && y.length != im.count) {
            throw new UserError(images.getFileName() + " has " + im.count + " images but " + labels.getFileName()
                    + " has " + y.length + " labels; expected the same count");
        }
        double[] x = new double[im.pixels.length];
        double f = Dataset.pixelFactor(scale);
        for (int i = 0; i < x.length; i++) x[i] = (im.pixels[i] & 0xFF) * f;
        return new Dataset(name, x, y, im.count, im.cols, im.rows);
    }

    private static DataInputStream open(Path file) throws IOException {
        UserFiles.checkFile(file, "an IDX file");
        return new DataInputStream(UserFiles.open(file));
    }

    private static int readMagic(DataInputStream in, Path file) throws IOException {
        try {
            return in.readInt();
        } catch (EOFException e) {
            throw new UserError(file + ": empty or shorter than an IDX header (4 bytes of magic number)");
        }
    }

    private static int readDim(DataInputStream in, Path file, String what) throws IOException {
        try {
            int d = in.readInt();
            if (d < 0) throw new UserError(file + ": " + what + " is " + Integer.toUnsignedString(d) + " in the header; too large");
            return d;
        } catch (EOFException e) {
            throw new UserError(file + ": truncated in the header while reading the " + what);
        }
    }

    /**
     * Reads the n bytes the header promised. The buffer grows with the data that actually
     * arrives, so a short (compressed) file claiming billions of bytes never allocates them.
     */
    private static byte[] readFully(DataInputStream in, int n, Path file, long headerBytes) throws IOException {
        byte[] buf = new byte[Math.min(n, 1 << 24)];
        int off = 0;
        while (off < n) {
            if (off == buf.length) buf = java.util.Arrays.copyOf(buf, (int) Math.min(n, 2L * buf.length));
            int r = in.read(buf, off, buf.length - off);
            if (r < 0) {
                throw new UserError(file + ": truncated: the header promises " + (headerBytes + n)
                        + " bytes, the data ends after " + (headerBytes + off));
            }
            off += r;
        }
        return buf;
    }

    /**
     * The data must end where the header says. Reading on to the end also makes a gzip stream
     * check its CRC and length trailer, so a corrupted .gz is refused rather than read as
     * different pixels.
     */
    private static void expectEnd(DataInputStream in, Path file, long expected) throws IOException {
        long extra = 0;
        byte[] buf = new byte[8192];
        for (int r; (r = in.read(buf)) > 0; ) extra += r;
        if (extra > 0) {
            throw new UserError(file + ": " + extra + " unexpected bytes after the " + expected
                    + " the header describes; expected the file to end there");
        }
    }

    private static String hex(int v) {
        return String.format("%08X", v);
    }
}
