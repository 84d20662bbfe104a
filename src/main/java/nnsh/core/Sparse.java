package nnsh.core;

/**
 * The two products of a narrow dense layer (up to {@link #narrowMax} units: 784-10-10's first layer) whose
 * input is sparse data ({@link SparseRows}), over the nonzero blocks of its rows:
 *
 * <pre>
 *   forward   Z = X W^T     Z[r, u]       = sum over the blocks b of row r of  x[r, b] . W[u, b]
 *   gradient  G += dZ^T X   G[u, b]      += dZ[r, u] x[r, b]     for each block b of row r
 * </pre>
 *
 * where x[r, b] and W[u, b] are the {@link #blockWidth} columns of block b: one vector each. A digit of 784
 * pixels has about 39 nonzero blocks of 8, so the forward pass costs 39 x 10 vector FMAs, not 98 x 10.
 *
 * <p>W and G are kept as a table, not in W's row-major layout: per group of {@link #GROUP} units, per block,
 * the group's 10 vectors side by side ({@link #toTable}, {@link #fromTable}). A block then reads 10 vectors
 * at fixed distances from one offset, whose bounds checks the JIT merges (two remain of the ten). The
 * tables and the values kept as doubles start on a 64-byte boundary ({@link Aligned}, which says what a split
 * vector costs these kernels).
 *
 * <p>A pass first points a {@link Chunk} at the rows of a block of examples ({@link #load}, through the
 * shuffled index, if any); each vector product then reads a row's blocks where {@link SparseRows} keeps them
 * and turns their codes back into doubles as it goes, so that no decoded copy of the block
 * streams through the cache between the two (W1 9.7-10.1 against 10.8-11.9 ms in six alternating runs, 19.2
 * against 21.8 on one thread, with a decoded copy of each block of 64 rows). Sums: the forward
 * keeps one FMA chain per lane of the vector, then adds the lanes pairwise ((0+1)+(2+3))+((4+5)+(6+7)); the
 * gradient is an in-order FMA chain over the rows. The plain path does the same in scalar code with blocks
 * of 8, so on 8-lane machines both give the same bits. The dense kernels sum in other orders, so the sparse
 * and dense paths agree to rounding (SparseInputTest: 1e-12). No order depends on the threads.
 */
public final class Sparse {
    private Sparse() {}

    /** Units per group of a table: the kernels hold a group's 10 sums (or gradients) in registers. */
    public static final int GROUP = 10;

    /** Index of the first element of a table or chunk: on a cache line ({@link Aligned}). */
    public static final int ALIGN = Aligned.OFFSET;

    /** Columns per block: the SIMD kernels' vector length, or 8 on the plain path. */
    public static int blockWidth() {
        return vector() ? VecSparse.L : 8;
    }

    /**
     * Whether the Vector API kernels run: SIMD on, with 4 to 8 lanes. At most 8: the lane sums ({@link #pairwise})
     * are written for 4 and 8. At least 4: with 2 lanes (128-bit vectors) JDK 17 does not compile the widening of a block's
     * codes into vector instructions and allocates at every block; W1 took 321 ms an iteration there
     * (-XX:MaxVectorSize=16) against 64 on the plain kernels.
     */
    static boolean vector() {
        return Backend.simd() && VecSparse.L >= 4 && VecSparse.L <= 8;
    }

    /**
     * Widest layer (units) that the products take: 26 groups, past the 255 units of the widest layer
     * that is not wide (nnsh.nn.Network.WIDE). Each group reads the chunk's blocks again with its own
     * table in cache, so the cost grows with the width as a dense product's does, and stays at about half
     * of it: train 100 on MNIST (2 threads) took 68 against 125 ms an iteration for 784-32-10, 145
     * against 294 for 784-100-10.
     */
    public static int narrowMax() {
        return 26 * GROUP;
    }

    /** Length of a table for n units and k inputs (blocks of {@link #blockWidth}). */
    public static int tableLength(int n, int k) {
        int w = blockWidth();
        return ALIGN + groups(n) * blocks(k, w) * GROUP * w;
    }

    static int groups(int n) {
        return (n + GROUP - 1) / GROUP;
    }

    static int blocks(int k, int w) {
        return (k + w - 1) / w;
    }

    /** The table of W (n x k, row-major): unit u's block b at ALIGN + ((g nb + b) GROUP + u % GROUP) w; zero padding. */
    public static void toTable(double[] w, int n, int k, double[] table) {
        int bw = blockWidth(), nb = blocks(k, bw);
        java.util.Arrays.fill(table, 0.0);
        for (int u = 0; u < n; u++) {
            int g = u / GROUP, o = ALIGN + (g * nb * GROUP + u % GROUP) * bw;
            for (int b = 0; b < nb; b++) {
                int c0 = b * bw;
                System.arraycopy(w, u * k + c0, table, o + b * GROUP * bw, Math.min(bw, k - c0));
            }
        }
    }

    /** W (n x k, row-major) = the table's units: a gradient table back in the weights' layout. */
    public static void fromTable(double[] table, int n, int k, double[] w) {
        int bw = blockWidth(), nb = blocks(k, bw);
        for (int u = 0; u < n; u++) {
            int g = u / GROUP, o = ALIGN + (g * nb * GROUP + u % GROUP) * bw;
            for (int b = 0; b < nb; b++) {
                int c0 = b * bw;
                System.arraycopy(table, o + b * GROUP * bw, w, u * k + c0, Math.min(bw, k - c0));
            }
        }
    }

    /**
     * The rows of one block of examples, for the products: row r is x's entries [from[r], to[r]) (blocks
     * x.blk, values x.code or x.val). The plain path also keeps the rows' values decoded in vals, row after
     * row from 0 (scalar code cannot fold the decoding into its loops as the vector kernels do).
     * Sized on first use, so that training allocates nothing afterwards.
     */
    public static final class Chunk {
        int rows;
        SparseRows x;
        int[] from = new int[0], to = new int[0];
        double[] vals = new double[0];
    }

    /** x's row for row r of a block that starts at s: index[s + r], or s + r when index is null. */
    static int row(int[] index, int s, int r) {
        return index == null ? s + r : index[s + r];
    }

    /** Points c at rows s .. s + rows - 1 of x (row r is x's row index[s + r], or s + r when index is null). */
    public static void load(SparseRows x, int[] index, int s, int rows, Chunk c) {
        if (c.from.length < rows) {
            c.from = new int[rows];
            c.to = new int[rows];
        }
        c.x = x;
        c.rows = rows;
        int e = 0;
        for (int r = 0; r < rows; r++) {
            int i = row(index, s, r);
            c.from[r] = x.start[i];
            c.to[r] = x.start[i + 1];
            e += c.to[r] - c.from[r];
        }
        if (vector()) return;
        int w = x.width;
        if (c.vals.length < e * w) c.vals = new double[Math.max(e * w, rows * blocks(x.cols, w) * w)];
        for (int r = 0, o = 0; r < rows; o += (c.to[r] - c.from[r]) * w, r++) plainValues(x, c.from[r], c.to[r], c.vals, o);
    }

    /** The plain path's values of entries [p0, p1) of x into out[o ..]: codes c back to (c + 128) * scale, or the
     * doubles. */
    static void plainValues(SparseRows x, int p0, int p1, double[] out, int o) {
        int w = x.width;
        if (x.code == null) {
            System.arraycopy(x.val, ALIGN + p0 * w, out, o, (p1 - p0) * w);
            return;
        }
        double s = x.scale;
        for (int q = p0 * w, end = p1 * w; q < end; q++) out[o++] = (x.code[q] + 128) * s;
    }

    /**
     * Entries [p0, p1) of x's values into out[o ..], as the products read them (the vector path's when it runs).
     * For tests: the products decode in place; this is how a test sees those values bit for bit.
     */
    static void values(SparseRows x, int p0, int p1, double[] out, int o) {
        if (vector()) VecSparse.values(x, p0, p1, out, o);
        else plainValues(x, p0, p1, out, o);
    }

    /** Per thread, for the plain path: a group's sums in lanes of 8. */
    private static final ThreadLocal<double[]> PLAIN_LANES = ThreadLocal.withInitial(() -> new double[GROUP * 8]);

    /**
     * Z = X W^T for the loaded rows: Z is rows x n, the table from {@link #toTable}. Group by group, so
     * that one group's table stays in cache over the rows.
     */
    public static void productRows(Chunk c, double[] table, int n, int k, double[] z) {
        if (vector()) {
            VecSparse.productRows(c, table, n, blocks(k, blockWidth()), z);
            return;
        }
        final int w = blockWidth(), nb = blocks(k, w);
        double[] acc = PLAIN_LANES.get();
        for (int g = 0; g < groups(n); g++) {
            int base = ALIGN + g * nb * GROUP * w, xo = 0;     // xo: entry e's values in c.vals, row after row
            for (int r = 0; r < c.rows; r++) {
                java.util.Arrays.fill(acc, 0.0);
                for (int e = c.from[r]; e < c.to[r]; e++, xo += w) {
                    int o = base + c.x.blk[e] * GROUP * w;
                    for (int u = 0; u < GROUP; u++) {
                        for (int t = 0; t < w; t++) {
                            acc[u * w + t] = Math.fma(table[o + u * w + t], c.vals[xo + t], acc[u * w + t]);
                        }
                    }
                }
                for (int u = 0, units = Math.min(GROUP, n - g * GROUP); u < units; u++) {
                    z[r * n + g * GROUP + u] = pairwise(acc, u * w, w);
                }
            }
        }
    }

    /** a[o] + .. + a[o + len - 1], added in pairs: ((0+1)+(2+3))+((4+5)+(6+7)) for 8; len 4 or 8 (see vector()). */
    static double pairwise(double[] a, int o, int len) {
        switch (len) {
            case 8: return ((a[o] + a[o + 1]) + (a[o + 2] + a[o + 3])) + ((a[o + 4] + a[o + 5]) + (a[o + 6] + a[o + 7]));
            case 4: return (a[o] + a[o + 1]) + (a[o + 2] + a[o + 3]);
            default: throw new IllegalArgumentException("lanes: " + len);
        }
    }

    /** G += dZ^T X for the loaded rows: dZ rows x n, G a table ({@link #tableLength}); group by group. */
    public static void addTnRows(Chunk c, double[] dz, int n, int k, double[] gtable) {
        if (vector()) {
            VecSparse.addTnRows(c, dz, n, blocks(k, blockWidth()), gtable);
            return;
        }
        final int w = blockWidth(), nb = blocks(k, w);
        for (int g = 0; g < groups(n); g++) {
            int base = ALIGN + g * nb * GROUP * w, units = Math.min(GROUP, n - g * GROUP), xo = 0;   // xo as in productRows
            for (int r = 0; r < c.rows; r++) {
                for (int e = c.from[r]; e < c.to[r]; e++, xo += w) {
                    int o = base + c.x.blk[e] * GROUP * w;
                    // Units past n get dZ = 0, as on the Vector API path (x * 0 is NaN for x infinite or NaN).
                    for (int u = 0; u < GROUP; u++) {
                        double d = u < units ? dz[r * n + g * GROUP + u] : 0.0;
                        for (int t = 0; t < w; t++) {
                            gtable[o + u * w + t] = Math.fma(c.vals[xo + t], d, gtable[o + u * w + t]);
                        }
                    }
                }
            }
        }
    }
}
