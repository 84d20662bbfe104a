package nnsh.core;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Blocked, packed GEMM on the Vector API (GotoBLAS loop structure). Loaded only when
 * {@link Backend#simd()} is true.
 *
 * <pre>
 * for jc over n in NC columns:            B panel kc x nc, packed once, shared by all threads
 *   for pc over k in kc steps:            kc chosen from k alone; sums of blocks before the last
 *     pack B panel (parallel)             wait in a buffer (below)
 *       [SKIP_B: compact each B sliver's steps]
 *     for each (ic block, column range):  one task each, run in parallel
 *       pack A block mc x kc (thread-local buffer)
 *         [SKIP_A: compact each A sliver's steps]
 *       for each NR-column sliver, for each MR-row sliver: micro-kernel
 * </pre>
 *
 * The micro-kernel keeps an MR x NR tile of C (12 rows x 2 vectors: 12 x 16 on AVX-512) in 24 registers,
 * broadcasting one element of A and multiplying it into two vectors of B with FMA. Block sizes
 * (KC 1024, MC 144: the packed A block, 144 x 1024 doubles = 1.2 MiB, stays in L2) were tuned on a Xeon
 * with 48 KiB L1 / 2 MiB L2. A long kc means fewer passes over C, whose tile updates cost more than the
 * B sliver falling out of L1: against KC 512 / MC 192, same minute, W2 went from 2.50-2.67 to 2.24-2.32
 * s/epoch and the 2048^3 product from 110 to 114-123 GFLOPS (the layer products with k <= 1024 now
 * take one pass). A longer k is cut into blocks of about KC_SPLIT 512 instead (a B sliver of 64 KiB): with the
 * kernel unrolled over two steps of k, 2048^3 measured 125 GFLOPS (median of 6 alternating runs) against 118
 * for blocks of 1024, while W2 (k 784 and 1024, one pass) kept KC 1024. Such a product takes MC_SPLIT 288 rows
 * per A block (the same 1.2 MiB as MC x KC), so that each B sliver read from beyond L2 serves twice as many
 * rows. 2048^3 on two threads, alternating runs against MC 144: 288 rows won 4 of 5 (means 142.0 against 140.6
 * GFLOPS), 240 rows 5 of 6 (144.4 against 140.5); one thread unchanged (73-74). System properties
 * nnsh.gemm.kc/kcSplit/mc/mcSplit/nc override them. Packing pads edge slivers with zeros, so tails run through
 * the same kernel; only the C update of an edge tile goes element by element. Packing also resolves the
 * transposes: the same kernels serve NN, NT, TN, TT (kernel12, and for a product that skips blank steps,
 * kernelStepsOfA and kernelStepsOfB over the steps a sliver keeps; see {@link #compactSteps}).
 *
 * When k takes more than one kc block, the tiles' sums before the last block go to a buffer laid out
 * tile after tile in the order the kernels visit them, and the next block's kernel starts from them;
 * C itself is written once, at the last block. A C tile is 12 rows a row length apart (12 pages for a
 * 2048-wide C), so reading and writing it in C once per k block cost more than a sequential stream:
 * on the 2048^3 product, alternating runs of the two jars gave 116-128 GFLOPS against 112-115.
 * With the buffer, kc 256 / mc 480 (the B sliver then stays in L1) and kc 384 / mc 336 measured the same
 * as the defaults within this machine's noise (115-127 GFLOPS, W2 2.26-2.34 s/epoch), so they stayed.
 *
 * Each element of C is one in-order FMA chain over all of k (through the buffer between blocks), then
 * alpha times it plus beta times C: the result depends only on (m, n, k) and the data, never on how
 * many threads ran it, nor on the block sizes (a product that skips blank steps drops 0 * x terms, which
 * changes none of this for finite data; a 0 against an infinity is left out or not depending on how the
 * slivers, k blocks and vector lanes fall, so with non-finite data the block sizes do matter there).
 */
final class VecGemm {
    private VecGemm() {}

    static final VectorSpecies<Double> S = VecInfo.SPECIES;
    static final int L = S.length();
    /**
     * Rows per micro-kernel: 12 x 2 vectors (24 accumulators). With kc 512 it measured 3-15% faster on one
     * thread than 6 x 3 vectors (18 accumulators) with kc 384, most on the training shapes (1024x1000x784
     * NT, 1000x784x1024 TN, 1024x784x1000 NN); 4 x 3 vectors measured ~20% slower on AVX-512.
     */
    static final int MR = 12;
    /** Columns per micro-kernel: 2 vectors. */
    static final int NR = 2 * L;
    /** Doubles in one MR x NR tile. */
    static final int TILE = MR * NR;

    /** The longest k done in one pass. */
    static final int KC = Math.max(16, Integer.getInteger("nnsh.gemm.kc", 1024));
    /** The block length (at most) when k is longer than KC. */
    static final int KC_SPLIT = Math.max(16, Math.min(KC, Integer.getInteger("nnsh.gemm.kcSplit", 512)));
    static final int MC = roundUp(Math.max(MR, Integer.getInteger("nnsh.gemm.mc", 144)), MR);
    /**
     * The rows of an A block when k is cut into KC_SPLIT blocks: the packed block keeps MC x KC's size (288 x 512
     * doubles, 1.2 MiB, in L2), so that each B sliver fetched from beyond L2 serves twice as many rows as with MC.
     */
    static final int MC_SPLIT = roundUp(Math.max(MR, Integer.getInteger("nnsh.gemm.mcSplit", MC * KC / KC_SPLIT)), MR);
    static final int NC = roundUp(Math.max(NR, Integer.getInteger("nnsh.gemm.nc", 4096)), NR);
    /** The largest packed A block the defaults make (doubles), and its slivers: what a thread's buffers reserve. */
    static final int A_BLOCK_MAX = Math.max(MC * KC, MC_SPLIT * KC_SPLIT), SLIVERS_MAX = Math.max(MC, MC_SPLIT) / MR;

    /**
     * Where the kernel's buffers start (packed A and B, partial sums, tiles): on a cache line
     * ({@link Aligned}), so that no B vector or tile vector is split over two lines.
     */
    private static final int O = Aligned.OFFSET;

    /** A tile of zeros (from O): the sums of a first k block start from it. */
    private static final double[] ZERO = new double[O + TILE];

    /** This thread's buffers, each used from index O. */
    private static final class Bufs {
        double[] a = new double[0];
        double[] b = new double[0];
        /** The partial sums of C over the k blocks before the last, tile after tile in visit order. */
        double[] part = new double[0];
        final double[] tmp = new double[O + TILE];
        /** SKIP_A: the kept steps of each A sliver of the block (offsets p * NR into B's sliver), and how many. */
        int[] aSteps = new int[0], aCount = new int[0];
        /** SKIP_B: the same for the B slivers of the panel (offsets p * MR into A's sliver). */
        int[] bSteps = new int[0], bCount = new int[0];
    }

    private static final ThreadLocal<Bufs> BUFS = ThreadLocal.withInitial(Bufs::new);

    /** First row of ic block ib when rowSlivers slivers of MR rows are dealt evenly over blocks. */
    private static int blockRow(int ib, int rowSlivers, int blocks) {
        return MR * (int) ((long) ib * rowSlivers / blocks);
    }

    static int roundUp(int x, int q) {
        return (x + q - 1) / q * q;
    }

    /**
     * What a product may skip: nothing, the steps of k where an A sliver is all zeros, or where a B sliver is.
     * Constants, not an enum: Gemm reads them on every path, and javac copies constants into it, so that this
     * class is not loaded when the Vector API is off.
     */
    static final int DENSE = 0, SKIP_A = 1, SKIP_B = 2;

    /**
     * A sliver's steps are kept compact only when at most this fraction of them hold a nonzero; denser slivers
     * run the plain kernel, which is a little faster a step.
     */
    static final double SKIP_MAX = 0.875;

    /**
     * C = alpha op(A) op(B) + beta C; skip SKIP_A or SKIP_B leaves out the steps of k where the packed sliver of
     * A (MR rows) or of B (NR columns, two vectors) is all zeros: the same in-order chain without terms 0 * x, so the same
     * bits as DENSE when the other matrix is finite.
     */
    static void gemm(boolean transA, boolean transB, int m, int n, int k,
                     double alpha, double[] a, int aOff, int lda,
                     double[] b, int bOff, int ldb,
                     double beta, double[] c, int cOff, int ldc, boolean parallel, int skip) {
        if (m <= 0 || n <= 0 || k <= 0) {   // nothing to pack: Gemm handles the empty cases
            Gemm.gemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
            return;
        }
        int kBlocks = k <= KC ? 1 : (k + KC_SPLIT - 1) / KC_SPLIT;
        int kcStep = (k + kBlocks - 1) / kBlocks;          // balanced blocks: k = 1100 -> 367, 367, 366
        int ncMax = Math.min(NC, roundUp(n, NR));
        int threads = parallel ? Parallel.threads() : 1;

        Bufs own = BUFS.get();
        if (own.b.length < O + kcStep * ncMax) own.b = new double[O + kcStep * ncMax];
        final double[] bp = own.b;
        // SKIP_B: each B sliver's kept steps (offsets into A's packed sliver) and how many (-1: all, dense)
        boolean skipB = skip == SKIP_B;
        if (skipB && own.bSteps.length < kcStep * (ncMax / NR)) own.bSteps = new int[kcStep * (ncMax / NR)];
        if (skipB && own.bCount.length < ncMax / NR) own.bCount = new int[ncMax / NR];
        final int[] bSteps = own.bSteps, bCount = own.bCount;

        // Tasks: ic blocks of rows; when there are too few of them for the threads, also split columns.
        // On several threads at least 2 blocks per thread, a multiple of the threads. The MR-row slivers are
        // dealt out evenly (block ib starts at sliver ib * rowSlivers / blocks), so blocks differ by one
        // sliver at most (the earlier rounding cut 2048 rows as 15 x 132 + 68, leaving one thread 6% idle at the
        // end of every k block).
        final int rowSlivers = (m + MR - 1) / MR;
        int mc = kBlocks > 1 ? MC_SPLIT : MC;
        int blocks = (m + mc - 1) / mc;
        if (threads > 1) {
            blocks = Math.max(2 * threads, blocks);
            blocks = (blocks + threads - 1) / threads * threads;
        }
        final int icBlocks = Math.min(blocks, rowSlivers);
        final int tilesPerBlock = (rowSlivers + icBlocks - 1) / icBlocks;
        final int sliversMax = ncMax / NR;
        // More than one k block: the sums before the last go to a buffer (below), C is written once.
        if (kBlocks > 1) {
            long need = (long) icBlocks * sliversMax * tilesPerBlock * TILE;
            if (need > Integer.MAX_VALUE - 16 - O) throw new IllegalArgumentException("product too large: " + m + " x " + n);
            if (own.part.length < O + need) own.part = new double[O + (int) need];
        }
        final double[] part = own.part;

        for (int jc = 0; jc < n; jc += ncMax) {
            final int jcF = jc;
            final int nc = Math.min(ncMax, n - jc);
            final int slivers = (nc + NR - 1) / NR;
            int colSplit = 1;
            if (threads > 1 && icBlocks < 2 * threads) {
                colSplit = Math.min(slivers, (2 * threads + icBlocks - 1) / icBlocks);
            }
            final int colSplitF = colSplit;
            final int slPer = (slivers + colSplit - 1) / colSplit;

            for (int pc = 0; pc < k; pc += kcStep) {
                final int pcF = pc;
                final int kc = Math.min(kcStep, k - pc);
                // The first k block starts from zeros, later ones from part; the last goes to C, earlier ones to part.
                final boolean first = pc == 0, last = pc + kc >= k;

                if (threads > 1 && slivers >= 2) {
                    int chunks = Math.min(slivers, threads);
                    int per = (slivers + chunks - 1) / chunks;
                    Parallel.forEach((slivers + per - 1) / per, t -> {
                        int s0 = t * per, s1 = Math.min(slivers, (t + 1) * per);
                        packB(transB, b, bOff, ldb, pcF, kc, jcF, nc, s0, s1, bp);
                        if (skipB) compactB(bp, kc, s0, s1, bSteps, bCount);
                    });
                } else {
                    packB(transB, b, bOff, ldb, pc, kc, jc, nc, 0, slivers, bp);
                    if (skipB) compactB(bp, kc, 0, slivers, bSteps, bCount);
                }

                int tasks = icBlocks * colSplitF;
                if (threads > 1 && tasks > 1) {
                    Parallel.forEach(tasks, t -> {
                        int ib = t / colSplitF, cs = t % colSplitF;
                        int i0 = blockRow(ib, rowSlivers, icBlocks), i1 = Math.min(m, blockRow(ib + 1, rowSlivers, icBlocks));
                        block(transA, n, alpha, a, aOff, lda, beta, c, cOff, ldc, bp, pcF, kc, jcF, first, last, i0, i1 - i0,
                                cs * slPer, Math.min(slivers, (cs + 1) * slPer), part, ib * sliversMax * tilesPerBlock, tilesPerBlock,
                                skip, bSteps, bCount);
                    });
                } else {
                    for (int ib = 0; ib < icBlocks; ib++) {
                        int i0 = blockRow(ib, rowSlivers, icBlocks), i1 = Math.min(m, blockRow(ib + 1, rowSlivers, icBlocks));
                        block(transA, n, alpha, a, aOff, lda, beta, c, cOff, ldc, bp, pc, kc, jc, first, last, i0, i1 - i0,
                                0, slivers, part, ib * sliversMax * tilesPerBlock, tilesPerBlock,
                                skip, bSteps, bCount);
                    }
                }
            }
        }
    }

    /**
     * Rows [i0, i0 + mc) of C against B slivers [s0, s1) of the packed panel; first and last: see gemm. The block's
     * tiles in part start at tile0 (in tiles), tilesPerBlock tiles per sliver, visited in storage order.
     */
    private static void block(boolean transA, int n, double alpha, double[] a, int aOff, int lda,
                              double beta, double[] c, int cOff, int ldc, double[] bp,
                              int pc, int kc, int jc, boolean first, boolean last, int i0, int mc, int s0, int s1,
                              double[] part, int tile0, int tilesPerBlock,
                              int skip, int[] bSteps, int[] bCount) {
        if (s0 >= s1 || mc <= 0) return;
        Bufs tb = BUFS.get();
        int need = roundUp(mc, MR) * kc;
        if (tb.a.length < O + need) tb.a = new double[O + Math.max(need, A_BLOCK_MAX)];
        double[] ap = tb.a;
        packA(transA, a, aOff, lda, i0, mc, pc, kc, ap);
        int rSl = (mc + MR - 1) / MR;
        if (skip == SKIP_A) {
            if (tb.aSteps.length < rSl * kc) tb.aSteps = new int[Math.max(rSl * kc, A_BLOCK_MAX / MR)];
            if (tb.aCount.length < rSl) tb.aCount = new int[Math.max(rSl, SLIVERS_MAX)];
            for (int r = 0; r < rSl; r++) {
                tb.aCount[r] = compactSteps(ap, O + r * kc * MR, kc, MR, NR, tb.aSteps, r * kc);
            }
        }
        // B slivers outer: each B sliver is reused from L1/L2 across the whole A block.
        for (int s = s0; s < s1; s++) {
            int j = jc + s * NR;
            int nv = Math.min(NR, n - j);
            int bIdx = O + s * kc * NR;
            for (int r = 0; r < rSl; r++) {
                int i = i0 + r * MR;
                int mv = Math.min(MR, i0 + mc - i);
                int pt = O + (tile0 + s * tilesPerBlock + r) * TILE;
                int ci = cOff + i * ldc + j;
                int ai = O + r * kc * MR;
                double[] init = first ? ZERO : part, out = last ? tb.tmp : part;
                int io = first ? O : pt, oo = last ? O : pt;
                if (skip == SKIP_A && tb.aCount[r] >= 0) {
                    kernelStepsOfA(tb.aCount[r], ap, ai, bp, bIdx, tb.aSteps, r * kc, init, io, out, oo);
                } else if (skip == SKIP_B && bCount[s] >= 0) {
                    kernelStepsOfB(bCount[s], ap, ai, bp, bIdx, bSteps, s * kc, init, io, out, oo);
                } else {
                    kernel12(kc, ap, ai, bp, bIdx, init, io, out, oo);
                }
                if (!last) continue;
                if (mv == MR && nv == NR) VecSkinny.storeTile(tb.tmp, O, 2, MR, alpha, beta, c, ci, ldc);
                else updateTail(tb.tmp, c, ci, ldc, alpha, beta, mv, nv);
            }
        }
    }

    /** Packs op(B)[pc .. pc+kc) x [jc .. jc+nc), slivers [s0, s1), as bp[O + s][p][0 .. NR), zero-padded. */
    static void packB(boolean transB, double[] b, int bOff, int ldb, int pc, int kc, int jc, int nc,
                      int s0, int s1, double[] bp) {
        for (int s = s0; s < s1; s++) {
            int j0 = jc + s * NR;
            int nv = Math.min(NR, jc + nc - j0);
            int base = O + s * kc * NR;
            if (!transB) {
                int src = bOff + pc * ldb + j0;
                if (nv == NR) {
                    for (int p = 0; p < kc; p++, src += ldb) {
                        int d = base + p * NR;
                        for (int v = 0; v < NR; v += L) DoubleVector.fromArray(S, b, src + v).intoArray(bp, d + v);
                    }
                } else {
                    for (int p = 0; p < kc; p++, src += ldb) {
                        int d = base + p * NR;
                        System.arraycopy(b, src, bp, d, nv);
                        for (int jj = nv; jj < NR; jj++) bp[d + jj] = 0.0;
                    }
                }
            } else {
                // op(B)(p, j) = b[j * ldb + p]: read each stored row contiguously, write with stride NR.
                for (int jj = 0; jj < nv; jj++) {
                    int src = bOff + (j0 + jj) * ldb + pc;
                    for (int p = 0, d = base + jj; p < kc; p++, d += NR) bp[d] = b[src + p];
                }
                for (int jj = nv; jj < NR; jj++) {
                    for (int p = 0, d = base + jj; p < kc; p++, d += NR) bp[d] = 0.0;
                }
            }
        }
    }

    /** compactSteps on B slivers [s0, s1) of a packed panel of kc steps: their steps into bSteps[s * kc ..], counts into bCount[s]. */
    private static void compactB(double[] bp, int kc, int s0, int s1, int[] bSteps, int[] bCount) {
        for (int s = s0; s < s1; s++) bCount[s] = compactSteps(bp, O + s * kc * NR, kc, NR, MR, bSteps, s * kc);
    }

    /**
     * The steps of a packed sliver (kc steps of w values each from buf[base]) that hold a nonzero (NaN counts),
     * moved to the front in order, and p * stride for each kept step p into steps[si ..]; returns how many. When
     * more than SKIP_MAX of the steps hold a nonzero, nothing is moved and it returns -1 (run it whole).
     */
    static int compactSteps(double[] buf, int base, int kc, int w, int stride, int[] steps, int si) {
        int kept = 0;
        for (int p = 0, d = base; p < kc; p++, d += w) {
            boolean any = false;
            for (int v = 0; v < w; v += L) {
                int at = d + Math.min(v, w - L);
                if (DoubleVector.fromArray(S, buf, at).compare(VectorOperators.NE, 0.0).anyTrue()) {
                    any = true;
                    break;
                }
            }
            if (any) steps[si + kept++] = p;
        }
        if (kept > SKIP_MAX * kc) return -1;
        for (int j = 0; j < kept; j++) {
            int p = steps[si + j];
            if (p != j) System.arraycopy(buf, base + p * w, buf, base + j * w, w);
            steps[si + j] = p * stride;
        }
        return kept;
    }

    /** Packs op(A)[i0 .. i0+mc) x [pc .. pc+kc) as ap[O + r][p][0 .. MR), zero-padded. */
    static void packA(boolean transA, double[] a, int aOff, int lda, int i0, int mc, int pc, int kc,
                      double[] ap) {
        int rSl = (mc + MR - 1) / MR;
        if (transA) {
            // op(A)(i, p) = a[p * lda + i]: step by step, the block's mc values of stored row p in one run, dealt
            // out to the slivers. Sliver by sliver instead, each step read 12 values a row apart: a new page each,
            // and a TLB miss each once the rows span more than the TLB reaches (1,024 rows of dZ in W2's gradient).
            for (int p = 0; p < kc; p++) {
                int src = aOff + (pc + p) * lda + i0;
                for (int r = 0; r < rSl; r++) {
                    int mv = Math.min(MR, mc - r * MR);
                    int d = O + r * kc * MR + p * MR, from = src + r * MR;
                    for (int ii = 0; ii < mv; ii++) ap[d + ii] = a[from + ii];
                    for (int ii = mv; ii < MR; ii++) ap[d + ii] = 0.0;
                }
            }
            return;
        }
        for (int r = 0; r < rSl; r++) {
            int i = i0 + r * MR;
            int mv = Math.min(MR, i0 + mc - i);
            int base = O + r * kc * MR;
            for (int ii = 0; ii < MR; ii++) {
                if (ii < mv) {
                    int src = aOff + (i + ii) * lda + pc;
                    for (int p = 0, d = base + ii; p < kc; p++, d += MR) ap[d] = a[src + p];
                } else {
                    for (int p = 0, d = base + ii; p < kc; p++, d += MR) ap[d] = 0.0;
                }
            }
        }
    }

    /** 12 x 2 vectors of C in 24 registers; A's sliver and B's (kc x NR doubles) stream from L1 or L2. */
    static void kernel12(int kc, double[] ap, int ai, double[] bp, int bi, double[] init, int io,
                         double[] tmp, int t) {
        DoubleVector c0_0 = DoubleVector.fromArray(S, init, io + 0 * NR), c0_1 = DoubleVector.fromArray(S, init, io + 0 * NR + L);
        DoubleVector c1_0 = DoubleVector.fromArray(S, init, io + 1 * NR), c1_1 = DoubleVector.fromArray(S, init, io + 1 * NR + L);
        DoubleVector c2_0 = DoubleVector.fromArray(S, init, io + 2 * NR), c2_1 = DoubleVector.fromArray(S, init, io + 2 * NR + L);
        DoubleVector c3_0 = DoubleVector.fromArray(S, init, io + 3 * NR), c3_1 = DoubleVector.fromArray(S, init, io + 3 * NR + L);
        DoubleVector c4_0 = DoubleVector.fromArray(S, init, io + 4 * NR), c4_1 = DoubleVector.fromArray(S, init, io + 4 * NR + L);
        DoubleVector c5_0 = DoubleVector.fromArray(S, init, io + 5 * NR), c5_1 = DoubleVector.fromArray(S, init, io + 5 * NR + L);
        DoubleVector c6_0 = DoubleVector.fromArray(S, init, io + 6 * NR), c6_1 = DoubleVector.fromArray(S, init, io + 6 * NR + L);
        DoubleVector c7_0 = DoubleVector.fromArray(S, init, io + 7 * NR), c7_1 = DoubleVector.fromArray(S, init, io + 7 * NR + L);
        DoubleVector c8_0 = DoubleVector.fromArray(S, init, io + 8 * NR), c8_1 = DoubleVector.fromArray(S, init, io + 8 * NR + L);
        DoubleVector c9_0 = DoubleVector.fromArray(S, init, io + 9 * NR), c9_1 = DoubleVector.fromArray(S, init, io + 9 * NR + L);
        DoubleVector c10_0 = DoubleVector.fromArray(S, init, io + 10 * NR), c10_1 = DoubleVector.fromArray(S, init, io + 10 * NR + L);
        DoubleVector c11_0 = DoubleVector.fromArray(S, init, io + 11 * NR), c11_1 = DoubleVector.fromArray(S, init, io + 11 * NR + L);
        int aEnd = ai + kc * 12;
        // Two steps of k an iteration: half the loop overhead and bounds checks per FMA (in-L1 kernel
        // 77-79 GFLOPS a core rolled, 83-87 unrolled).
        int aEnd2 = ai + (kc & ~1) * 12;
        for (; ai < aEnd2; ai += 24, bi += 2 * NR) {
            DoubleVector b0 = DoubleVector.fromArray(S, bp, bi);
            DoubleVector b1 = DoubleVector.fromArray(S, bp, bi + L);
            DoubleVector av;
            av = DoubleVector.broadcast(S, ap[ai + 0]);
            c0_0 = av.fma(b0, c0_0);
            c0_1 = av.fma(b1, c0_1);
            av = DoubleVector.broadcast(S, ap[ai + 1]);
            c1_0 = av.fma(b0, c1_0);
            c1_1 = av.fma(b1, c1_1);
            av = DoubleVector.broadcast(S, ap[ai + 2]);
            c2_0 = av.fma(b0, c2_0);
            c2_1 = av.fma(b1, c2_1);
            av = DoubleVector.broadcast(S, ap[ai + 3]);
            c3_0 = av.fma(b0, c3_0);
            c3_1 = av.fma(b1, c3_1);
            av = DoubleVector.broadcast(S, ap[ai + 4]);
            c4_0 = av.fma(b0, c4_0);
            c4_1 = av.fma(b1, c4_1);
            av = DoubleVector.broadcast(S, ap[ai + 5]);
            c5_0 = av.fma(b0, c5_0);
            c5_1 = av.fma(b1, c5_1);
            av = DoubleVector.broadcast(S, ap[ai + 6]);
            c6_0 = av.fma(b0, c6_0);
            c6_1 = av.fma(b1, c6_1);
            av = DoubleVector.broadcast(S, ap[ai + 7]);
            c7_0 = av.fma(b0, c7_0);
            c7_1 = av.fma(b1, c7_1);
            av = DoubleVector.broadcast(S, ap[ai + 8]);
            c8_0 = av.fma(b0, c8_0);
            c8_1 = av.fma(b1, c8_1);
            av = DoubleVector.broadcast(S, ap[ai + 9]);
            c9_0 = av.fma(b0, c9_0);
            c9_1 = av.fma(b1, c9_1);
            av = DoubleVector.broadcast(S, ap[ai + 10]);
            c10_0 = av.fma(b0, c10_0);
            c10_1 = av.fma(b1, c10_1);
            av = DoubleVector.broadcast(S, ap[ai + 11]);
            c11_0 = av.fma(b0, c11_0);
            c11_1 = av.fma(b1, c11_1);
            DoubleVector e0 = DoubleVector.fromArray(S, bp, bi + NR);
            DoubleVector e1 = DoubleVector.fromArray(S, bp, bi + NR + L);
            DoubleVector aw;
            aw = DoubleVector.broadcast(S, ap[ai + 12 + 0]);
            c0_0 = aw.fma(e0, c0_0);
            c0_1 = aw.fma(e1, c0_1);
            aw = DoubleVector.broadcast(S, ap[ai + 12 + 1]);
            c1_0 = aw.fma(e0, c1_0);
            c1_1 = aw.fma(e1, c1_1);
            aw = DoubleVector.broadcast(S, ap[ai + 12 + 2]);
            c2_0 = aw.fma(e0, c2_0);
            c2_1 = aw.fma(e1, c2_1);
            aw = DoubleVector.broadcast(S, ap[ai + 12 + 3]);
            c3_0 = aw.fma(e0, c3_0);
            c3_1 = aw.fma(e1, c3_1);
            aw = DoubleVector.broadcast(S, ap[ai + 12 + 4]);
            c4_0 = aw.fma(e0, c4_0);
            c4_1 = aw.fma(e1, c4_1);
            aw = DoubleVector.broadcast(S, ap[ai + 12 + 5]);
            c5_0 = aw.fma(e0, c5_0);
            c5_1 = aw.fma(e1, c5_1);
            aw = DoubleVector.broadcast(S, ap[ai + 12 + 6]);
            c6_0 = aw.fma(e0, c6_0);
            c6_1 = aw.fma(e1, c6_1);
            aw = DoubleVector.broadcast(S, ap[ai + 12 + 7]);
            c7_0 = aw.fma(e0, c7_0);
            c7_1 = aw.fma(e1, c7_1);
            aw = DoubleVector.broadcast(S, ap[ai + 12 + 8]);
            c8_0 = aw.fma(e0, c8_0);
            c8_1 = aw.fma(e1, c8_1);
            aw = DoubleVector.broadcast(S, ap[ai + 12 + 9]);
            c9_0 = aw.fma(e0, c9_0);
            c9_1 = aw.fma(e1, c9_1);
            aw = DoubleVector.broadcast(S, ap[ai + 12 + 10]);
            c10_0 = aw.fma(e0, c10_0);
            c10_1 = aw.fma(e1, c10_1);
            aw = DoubleVector.broadcast(S, ap[ai + 12 + 11]);
            c11_0 = aw.fma(e0, c11_0);
            c11_1 = aw.fma(e1, c11_1);
        }
        for (; ai < aEnd; ai += 12, bi += NR) {
            DoubleVector b0 = DoubleVector.fromArray(S, bp, bi);
            DoubleVector b1 = DoubleVector.fromArray(S, bp, bi + L);
            DoubleVector av;
            av = DoubleVector.broadcast(S, ap[ai + 0]);
            c0_0 = av.fma(b0, c0_0);
            c0_1 = av.fma(b1, c0_1);
            av = DoubleVector.broadcast(S, ap[ai + 1]);
            c1_0 = av.fma(b0, c1_0);
            c1_1 = av.fma(b1, c1_1);
            av = DoubleVector.broadcast(S, ap[ai + 2]);
            c2_0 = av.fma(b0, c2_0);
            c2_1 = av.fma(b1, c2_1);
            av = DoubleVector.broadcast(S, ap[ai + 3]);
            c3_0 = av.fma(b0, c3_0);
            c3_1 = av.fma(b1, c3_1);
            av = DoubleVector.broadcast(S, ap[ai + 4]);
            c4_0 = av.fma(b0, c4_0);
            c4_1 = av.fma(b1, c4_1);
            av = DoubleVector.broadcast(S, ap[ai + 5]);
            c5_0 = av.fma(b0, c5_0);
            c5_1 = av.fma(b1, c5_1);
            av = DoubleVector.broadcast(S, ap[ai + 6]);
            c6_0 = av.fma(b0, c6_0);
            c6_1 = av.fma(b1, c6_1);
            av = DoubleVector.broadcast(S, ap[ai + 7]);
            c7_0 = av.fma(b0, c7_0);
            c7_1 = av.fma(b1, c7_1);
            av = DoubleVector.broadcast(S, ap[ai + 8]);
            c8_0 = av.fma(b0, c8_0);
            c8_1 = av.fma(b1, c8_1);
            av = DoubleVector.broadcast(S, ap[ai + 9]);
            c9_0 = av.fma(b0, c9_0);
            c9_1 = av.fma(b1, c9_1);
            av = DoubleVector.broadcast(S, ap[ai + 10]);
            c10_0 = av.fma(b0, c10_0);
            c10_1 = av.fma(b1, c10_1);
            av = DoubleVector.broadcast(S, ap[ai + 11]);
            c11_0 = av.fma(b0, c11_0);
            c11_1 = av.fma(b1, c11_1);
        }
        // The tile goes to tmp and C is updated by separate methods: keeping the FMA kernel small lets the
        // JIT inline every Vector API call in it (a too-large method boxes vectors and allocates).
        c0_0.intoArray(tmp, t + 0 * NR);
        c0_1.intoArray(tmp, t + 0 * NR + L);
        c1_0.intoArray(tmp, t + 1 * NR);
        c1_1.intoArray(tmp, t + 1 * NR + L);
        c2_0.intoArray(tmp, t + 2 * NR);
        c2_1.intoArray(tmp, t + 2 * NR + L);
        c3_0.intoArray(tmp, t + 3 * NR);
        c3_1.intoArray(tmp, t + 3 * NR + L);
        c4_0.intoArray(tmp, t + 4 * NR);
        c4_1.intoArray(tmp, t + 4 * NR + L);
        c5_0.intoArray(tmp, t + 5 * NR);
        c5_1.intoArray(tmp, t + 5 * NR + L);
        c6_0.intoArray(tmp, t + 6 * NR);
        c6_1.intoArray(tmp, t + 6 * NR + L);
        c7_0.intoArray(tmp, t + 7 * NR);
        c7_1.intoArray(tmp, t + 7 * NR + L);
        c8_0.intoArray(tmp, t + 8 * NR);
        c8_1.intoArray(tmp, t + 8 * NR + L);
        c9_0.intoArray(tmp, t + 9 * NR);
        c9_1.intoArray(tmp, t + 9 * NR + L);
        c10_0.intoArray(tmp, t + 10 * NR);
        c10_1.intoArray(tmp, t + 10 * NR + L);
        c11_0.intoArray(tmp, t + 11 * NR);
        c11_1.intoArray(tmp, t + 11 * NR + L);
    }

    /**
     * kernel12 over the steps of k an A sliver packed compactly keeps (see {@link #compactSteps}): step j
     * is A's j-th packed step against B's step at offset steps[si + j] (p * NR) from bi. The same in-order chain
     * over k as kernel12 without the steps whose 12 values of A are all 0.
     */
    static void kernelStepsOfA(int count, double[] ap, int ai, double[] bp, int bi, int[] steps, int si,
                       double[] init, int io, double[] tmp, int t) {
        DoubleVector c0_0 = DoubleVector.fromArray(S, init, io + 0 * NR), c0_1 = DoubleVector.fromArray(S, init, io + 0 * NR + L);
        DoubleVector c1_0 = DoubleVector.fromArray(S, init, io + 1 * NR), c1_1 = DoubleVector.fromArray(S, init, io + 1 * NR + L);
        DoubleVector c2_0 = DoubleVector.fromArray(S, init, io + 2 * NR), c2_1 = DoubleVector.fromArray(S, init, io + 2 * NR + L);
        DoubleVector c3_0 = DoubleVector.fromArray(S, init, io + 3 * NR), c3_1 = DoubleVector.fromArray(S, init, io + 3 * NR + L);
        DoubleVector c4_0 = DoubleVector.fromArray(S, init, io + 4 * NR), c4_1 = DoubleVector.fromArray(S, init, io + 4 * NR + L);
        DoubleVector c5_0 = DoubleVector.fromArray(S, init, io + 5 * NR), c5_1 = DoubleVector.fromArray(S, init, io + 5 * NR + L);
        DoubleVector c6_0 = DoubleVector.fromArray(S, init, io + 6 * NR), c6_1 = DoubleVector.fromArray(S, init, io + 6 * NR + L);
        DoubleVector c7_0 = DoubleVector.fromArray(S, init, io + 7 * NR), c7_1 = DoubleVector.fromArray(S, init, io + 7 * NR + L);
        DoubleVector c8_0 = DoubleVector.fromArray(S, init, io + 8 * NR), c8_1 = DoubleVector.fromArray(S, init, io + 8 * NR + L);
        DoubleVector c9_0 = DoubleVector.fromArray(S, init, io + 9 * NR), c9_1 = DoubleVector.fromArray(S, init, io + 9 * NR + L);
        DoubleVector c10_0 = DoubleVector.fromArray(S, init, io + 10 * NR), c10_1 = DoubleVector.fromArray(S, init, io + 10 * NR + L);
        DoubleVector c11_0 = DoubleVector.fromArray(S, init, io + 11 * NR), c11_1 = DoubleVector.fromArray(S, init, io + 11 * NR + L);
        int j = 0;
        for (; j + 1 < count; j += 2) {   // two steps an iteration, as in kernel12
            int a = ai + j * MR, b = bi + steps[si + j];
            DoubleVector b0 = DoubleVector.fromArray(S, bp, b);
            DoubleVector b1 = DoubleVector.fromArray(S, bp, b + L);
            DoubleVector av;
            av = DoubleVector.broadcast(S, ap[a + 0]);
            c0_0 = av.fma(b0, c0_0);
            c0_1 = av.fma(b1, c0_1);
            av = DoubleVector.broadcast(S, ap[a + 1]);
            c1_0 = av.fma(b0, c1_0);
            c1_1 = av.fma(b1, c1_1);
            av = DoubleVector.broadcast(S, ap[a + 2]);
            c2_0 = av.fma(b0, c2_0);
            c2_1 = av.fma(b1, c2_1);
            av = DoubleVector.broadcast(S, ap[a + 3]);
            c3_0 = av.fma(b0, c3_0);
            c3_1 = av.fma(b1, c3_1);
            av = DoubleVector.broadcast(S, ap[a + 4]);
            c4_0 = av.fma(b0, c4_0);
            c4_1 = av.fma(b1, c4_1);
            av = DoubleVector.broadcast(S, ap[a + 5]);
            c5_0 = av.fma(b0, c5_0);
            c5_1 = av.fma(b1, c5_1);
            av = DoubleVector.broadcast(S, ap[a + 6]);
            c6_0 = av.fma(b0, c6_0);
            c6_1 = av.fma(b1, c6_1);
            av = DoubleVector.broadcast(S, ap[a + 7]);
            c7_0 = av.fma(b0, c7_0);
            c7_1 = av.fma(b1, c7_1);
            av = DoubleVector.broadcast(S, ap[a + 8]);
            c8_0 = av.fma(b0, c8_0);
            c8_1 = av.fma(b1, c8_1);
            av = DoubleVector.broadcast(S, ap[a + 9]);
            c9_0 = av.fma(b0, c9_0);
            c9_1 = av.fma(b1, c9_1);
            av = DoubleVector.broadcast(S, ap[a + 10]);
            c10_0 = av.fma(b0, c10_0);
            c10_1 = av.fma(b1, c10_1);
            av = DoubleVector.broadcast(S, ap[a + 11]);
            c11_0 = av.fma(b0, c11_0);
            c11_1 = av.fma(b1, c11_1);
            int a2 = ai + (j + 1) * MR, b2 = bi + steps[si + j + 1];
            DoubleVector b02 = DoubleVector.fromArray(S, bp, b2);
            DoubleVector b12 = DoubleVector.fromArray(S, bp, b2 + L);
            DoubleVector av2;
            av2 = DoubleVector.broadcast(S, ap[a2 + 0]);
            c0_0 = av2.fma(b02, c0_0);
            c0_1 = av2.fma(b12, c0_1);
            av2 = DoubleVector.broadcast(S, ap[a2 + 1]);
            c1_0 = av2.fma(b02, c1_0);
            c1_1 = av2.fma(b12, c1_1);
            av2 = DoubleVector.broadcast(S, ap[a2 + 2]);
            c2_0 = av2.fma(b02, c2_0);
            c2_1 = av2.fma(b12, c2_1);
            av2 = DoubleVector.broadcast(S, ap[a2 + 3]);
            c3_0 = av2.fma(b02, c3_0);
            c3_1 = av2.fma(b12, c3_1);
            av2 = DoubleVector.broadcast(S, ap[a2 + 4]);
            c4_0 = av2.fma(b02, c4_0);
            c4_1 = av2.fma(b12, c4_1);
            av2 = DoubleVector.broadcast(S, ap[a2 + 5]);
            c5_0 = av2.fma(b02, c5_0);
            c5_1 = av2.fma(b12, c5_1);
            av2 = DoubleVector.broadcast(S, ap[a2 + 6]);
            c6_0 = av2.fma(b02, c6_0);
            c6_1 = av2.fma(b12, c6_1);
            av2 = DoubleVector.broadcast(S, ap[a2 + 7]);
            c7_0 = av2.fma(b02, c7_0);
            c7_1 = av2.fma(b12, c7_1);
            av2 = DoubleVector.broadcast(S, ap[a2 + 8]);
            c8_0 = av2.fma(b02, c8_0);
            c8_1 = av2.fma(b12, c8_1);
            av2 = DoubleVector.broadcast(S, ap[a2 + 9]);
            c9_0 = av2.fma(b02, c9_0);
            c9_1 = av2.fma(b12, c9_1);
            av2 = DoubleVector.broadcast(S, ap[a2 + 10]);
            c10_0 = av2.fma(b02, c10_0);
            c10_1 = av2.fma(b12, c10_1);
            av2 = DoubleVector.broadcast(S, ap[a2 + 11]);
            c11_0 = av2.fma(b02, c11_0);
            c11_1 = av2.fma(b12, c11_1);
        }
        for (; j < count; j++) {
            int a = ai + j * MR, b = bi + steps[si + j];
            DoubleVector b0 = DoubleVector.fromArray(S, bp, b);
            DoubleVector b1 = DoubleVector.fromArray(S, bp, b + L);
            DoubleVector av;
            av = DoubleVector.broadcast(S, ap[a + 0]);
            c0_0 = av.fma(b0, c0_0);
            c0_1 = av.fma(b1, c0_1);
            av = DoubleVector.broadcast(S, ap[a + 1]);
            c1_0 = av.fma(b0, c1_0);
            c1_1 = av.fma(b1, c1_1);
            av = DoubleVector.broadcast(S, ap[a + 2]);
            c2_0 = av.fma(b0, c2_0);
            c2_1 = av.fma(b1, c2_1);
            av = DoubleVector.broadcast(S, ap[a + 3]);
            c3_0 = av.fma(b0, c3_0);
            c3_1 = av.fma(b1, c3_1);
            av = DoubleVector.broadcast(S, ap[a + 4]);
            c4_0 = av.fma(b0, c4_0);
            c4_1 = av.fma(b1, c4_1);
            av = DoubleVector.broadcast(S, ap[a + 5]);
            c5_0 = av.fma(b0, c5_0);
            c5_1 = av.fma(b1, c5_1);
            av = DoubleVector.broadcast(S, ap[a + 6]);
            c6_0 = av.fma(b0, c6_0);
            c6_1 = av.fma(b1, c6_1);
            av = DoubleVector.broadcast(S, ap[a + 7]);
            c7_0 = av.fma(b0, c7_0);
            c7_1 = av.fma(b1, c7_1);
            av = DoubleVector.broadcast(S, ap[a + 8]);
            c8_0 = av.fma(b0, c8_0);
            c8_1 = av.fma(b1, c8_1);
            av = DoubleVector.broadcast(S, ap[a + 9]);
            c9_0 = av.fma(b0, c9_0);
            c9_1 = av.fma(b1, c9_1);
            av = DoubleVector.broadcast(S, ap[a + 10]);
            c10_0 = av.fma(b0, c10_0);
            c10_1 = av.fma(b1, c10_1);
            av = DoubleVector.broadcast(S, ap[a + 11]);
            c11_0 = av.fma(b0, c11_0);
            c11_1 = av.fma(b1, c11_1);
        }
        c0_0.intoArray(tmp, t + 0 * NR);
        c0_1.intoArray(tmp, t + 0 * NR + L);
        c1_0.intoArray(tmp, t + 1 * NR);
        c1_1.intoArray(tmp, t + 1 * NR + L);
        c2_0.intoArray(tmp, t + 2 * NR);
        c2_1.intoArray(tmp, t + 2 * NR + L);
        c3_0.intoArray(tmp, t + 3 * NR);
        c3_1.intoArray(tmp, t + 3 * NR + L);
        c4_0.intoArray(tmp, t + 4 * NR);
        c4_1.intoArray(tmp, t + 4 * NR + L);
        c5_0.intoArray(tmp, t + 5 * NR);
        c5_1.intoArray(tmp, t + 5 * NR + L);
        c6_0.intoArray(tmp, t + 6 * NR);
        c6_1.intoArray(tmp, t + 6 * NR + L);
        c7_0.intoArray(tmp, t + 7 * NR);
        c7_1.intoArray(tmp, t + 7 * NR + L);
        c8_0.intoArray(tmp, t + 8 * NR);
        c8_1.intoArray(tmp, t + 8 * NR + L);
        c9_0.intoArray(tmp, t + 9 * NR);
        c9_1.intoArray(tmp, t + 9 * NR + L);
        c10_0.intoArray(tmp, t + 10 * NR);
        c10_1.intoArray(tmp, t + 10 * NR + L);
        c11_0.intoArray(tmp, t + 11 * NR);
        c11_1.intoArray(tmp, t + 11 * NR + L);
    }

    /**
     * kernel12 over the steps of k a B sliver packed compactly keeps (see {@link #compactSteps}): step j
     * is B's j-th packed step against A's step at offset steps[si + j] (p * MR) from ai.
     */
    static void kernelStepsOfB(int count, double[] ap, int ai, double[] bp, int bi, int[] steps, int si,
                       double[] init, int io, double[] tmp, int t) {
        DoubleVector c0_0 = DoubleVector.fromArray(S, init, io + 0 * NR), c0_1 = DoubleVector.fromArray(S, init, io + 0 * NR + L);
        DoubleVector c1_0 = DoubleVector.fromArray(S, init, io + 1 * NR), c1_1 = DoubleVector.fromArray(S, init, io + 1 * NR + L);
        DoubleVector c2_0 = DoubleVector.fromArray(S, init, io + 2 * NR), c2_1 = DoubleVector.fromArray(S, init, io + 2 * NR + L);
        DoubleVector c3_0 = DoubleVector.fromArray(S, init, io + 3 * NR), c3_1 = DoubleVector.fromArray(S, init, io + 3 * NR + L);
        DoubleVector c4_0 = DoubleVector.fromArray(S, init, io + 4 * NR), c4_1 = DoubleVector.fromArray(S, init, io + 4 * NR + L);
        DoubleVector c5_0 = DoubleVector.fromArray(S, init, io + 5 * NR), c5_1 = DoubleVector.fromArray(S, init, io + 5 * NR + L);
        DoubleVector c6_0 = DoubleVector.fromArray(S, init, io + 6 * NR), c6_1 = DoubleVector.fromArray(S, init, io + 6 * NR + L);
        DoubleVector c7_0 = DoubleVector.fromArray(S, init, io + 7 * NR), c7_1 = DoubleVector.fromArray(S, init, io + 7 * NR + L);
        DoubleVector c8_0 = DoubleVector.fromArray(S, init, io + 8 * NR), c8_1 = DoubleVector.fromArray(S, init, io + 8 * NR + L);
        DoubleVector c9_0 = DoubleVector.fromArray(S, init, io + 9 * NR), c9_1 = DoubleVector.fromArray(S, init, io + 9 * NR + L);
        DoubleVector c10_0 = DoubleVector.fromArray(S, init, io + 10 * NR), c10_1 = DoubleVector.fromArray(S, init, io + 10 * NR + L);
        DoubleVector c11_0 = DoubleVector.fromArray(S, init, io + 11 * NR), c11_1 = DoubleVector.fromArray(S, init, io + 11 * NR + L);
        int j = 0;
        for (; j + 1 < count; j += 2) {   // two steps an iteration, as in kernel12
            int a = ai + steps[si + j], b = bi + j * NR;
            DoubleVector b0 = DoubleVector.fromArray(S, bp, b);
            DoubleVector b1 = DoubleVector.fromArray(S, bp, b + L);
            DoubleVector av;
            av = DoubleVector.broadcast(S, ap[a + 0]);
            c0_0 = av.fma(b0, c0_0);
            c0_1 = av.fma(b1, c0_1);
            av = DoubleVector.broadcast(S, ap[a + 1]);
            c1_0 = av.fma(b0, c1_0);
            c1_1 = av.fma(b1, c1_1);
            av = DoubleVector.broadcast(S, ap[a + 2]);
            c2_0 = av.fma(b0, c2_0);
            c2_1 = av.fma(b1, c2_1);
            av = DoubleVector.broadcast(S, ap[a + 3]);
            c3_0 = av.fma(b0, c3_0);
            c3_1 = av.fma(b1, c3_1);
            av = DoubleVector.broadcast(S, ap[a + 4]);
            c4_0 = av.fma(b0, c4_0);
            c4_1 = av.fma(b1, c4_1);
            av = DoubleVector.broadcast(S, ap[a + 5]);
            c5_0 = av.fma(b0, c5_0);
            c5_1 = av.fma(b1, c5_1);
            av = DoubleVector.broadcast(S, ap[a + 6]);
            c6_0 = av.fma(b0, c6_0);
            c6_1 = av.fma(b1, c6_1);
            av = DoubleVector.broadcast(S, ap[a + 7]);
            c7_0 = av.fma(b0, c7_0);
            c7_1 = av.fma(b1, c7_1);
            av = DoubleVector.broadcast(S, ap[a + 8]);
            c8_0 = av.fma(b0, c8_0);
            c8_1 = av.fma(b1, c8_1);
            av = DoubleVector.broadcast(S, ap[a + 9]);
            c9_0 = av.fma(b0, c9_0);
            c9_1 = av.fma(b1, c9_1);
            av = DoubleVector.broadcast(S, ap[a + 10]);
            c10_0 = av.fma(b0, c10_0);
            c10_1 = av.fma(b1, c10_1);
            av = DoubleVector.broadcast(S, ap[a + 11]);
            c11_0 = av.fma(b0, c11_0);
            c11_1 = av.fma(b1, c11_1);
            int a2 = ai + steps[si + j + 1], b2 = bi + (j + 1) * NR;
            DoubleVector b02 = DoubleVector.fromArray(S, bp, b2);
            DoubleVector b12 = DoubleVector.fromArray(S, bp, b2 + L);
            DoubleVector av2;
            av2 = DoubleVector.broadcast(S, ap[a2 + 0]);
            c0_0 = av2.fma(b02, c0_0);
            c0_1 = av2.fma(b12, c0_1);
            av2 = DoubleVector.broadcast(S, ap[a2 + 1]);
            c1_0 = av2.fma(b02, c1_0);
            c1_1 = av2.fma(b12, c1_1);
            av2 = DoubleVector.broadcast(S, ap[a2 + 2]);
            c2_0 = av2.fma(b02, c2_0);
            c2_1 = av2.fma(b12, c2_1);
            av2 = DoubleVector.broadcast(S, ap[a2 + 3]);
            c3_0 = av2.fma(b02, c3_0);
            c3_1 = av2.fma(b12, c3_1);
            av2 = DoubleVector.broadcast(S, ap[a2 + 4]);
            c4_0 = av2.fma(b02, c4_0);
            c4_1 = av2.fma(b12, c4_1);
            av2 = DoubleVector.broadcast(S, ap[a2 + 5]);
            c5_0 = av2.fma(b02, c5_0);
            c5_1 = av2.fma(b12, c5_1);
            av2 = DoubleVector.broadcast(S, ap[a2 + 6]);
            c6_0 = av2.fma(b02, c6_0);
            c6_1 = av2.fma(b12, c6_1);
            av2 = DoubleVector.broadcast(S, ap[a2 + 7]);
            c7_0 = av2.fma(b02, c7_0);
            c7_1 = av2.fma(b12, c7_1);
            av2 = DoubleVector.broadcast(S, ap[a2 + 8]);
            c8_0 = av2.fma(b02, c8_0);
            c8_1 = av2.fma(b12, c8_1);
            av2 = DoubleVector.broadcast(S, ap[a2 + 9]);
            c9_0 = av2.fma(b02, c9_0);
            c9_1 = av2.fma(b12, c9_1);
            av2 = DoubleVector.broadcast(S, ap[a2 + 10]);
            c10_0 = av2.fma(b02, c10_0);
            c10_1 = av2.fma(b12, c10_1);
            av2 = DoubleVector.broadcast(S, ap[a2 + 11]);
            c11_0 = av2.fma(b02, c11_0);
            c11_1 = av2.fma(b12, c11_1);
        }
        for (; j < count; j++) {
            int a = ai + steps[si + j], b = bi + j * NR;
            DoubleVector b0 = DoubleVector.fromArray(S, bp, b);
            DoubleVector b1 = DoubleVector.fromArray(S, bp, b + L);
            DoubleVector av;
            av = DoubleVector.broadcast(S, ap[a + 0]);
            c0_0 = av.fma(b0, c0_0);
            c0_1 = av.fma(b1, c0_1);
            av = DoubleVector.broadcast(S, ap[a + 1]);
            c1_0 = av.fma(b0, c1_0);
            c1_1 = av.fma(b1, c1_1);
            av = DoubleVector.broadcast(S, ap[a + 2]);
            c2_0 = av.fma(b0, c2_0);
            c2_1 = av.fma(b1, c2_1);
            av = DoubleVector.broadcast(S, ap[a + 3]);
            c3_0 = av.fma(b0, c3_0);
            c3_1 = av.fma(b1, c3_1);
            av = DoubleVector.broadcast(S, ap[a + 4]);
            c4_0 = av.fma(b0, c4_0);
            c4_1 = av.fma(b1, c4_1);
            av = DoubleVector.broadcast(S, ap[a + 5]);
            c5_0 = av.fma(b0, c5_0);
            c5_1 = av.fma(b1, c5_1);
            av = DoubleVector.broadcast(S, ap[a + 6]);
            c6_0 = av.fma(b0, c6_0);
            c6_1 = av.fma(b1, c6_1);
            av = DoubleVector.broadcast(S, ap[a + 7]);
            c7_0 = av.fma(b0, c7_0);
            c7_1 = av.fma(b1, c7_1);
            av = DoubleVector.broadcast(S, ap[a + 8]);
            c8_0 = av.fma(b0, c8_0);
            c8_1 = av.fma(b1, c8_1);
            av = DoubleVector.broadcast(S, ap[a + 9]);
            c9_0 = av.fma(b0, c9_0);
            c9_1 = av.fma(b1, c9_1);
            av = DoubleVector.broadcast(S, ap[a + 10]);
            c10_0 = av.fma(b0, c10_0);
            c10_1 = av.fma(b1, c10_1);
            av = DoubleVector.broadcast(S, ap[a + 11]);
            c11_0 = av.fma(b0, c11_0);
            c11_1 = av.fma(b1, c11_1);
        }
        c0_0.intoArray(tmp, t + 0 * NR);
        c0_1.intoArray(tmp, t + 0 * NR + L);
        c1_0.intoArray(tmp, t + 1 * NR);
        c1_1.intoArray(tmp, t + 1 * NR + L);
        c2_0.intoArray(tmp, t + 2 * NR);
        c2_1.intoArray(tmp, t + 2 * NR + L);
        c3_0.intoArray(tmp, t + 3 * NR);
        c3_1.intoArray(tmp, t + 3 * NR + L);
        c4_0.intoArray(tmp, t + 4 * NR);
        c4_1.intoArray(tmp, t + 4 * NR + L);
        c5_0.intoArray(tmp, t + 5 * NR);
        c5_1.intoArray(tmp, t + 5 * NR + L);
        c6_0.intoArray(tmp, t + 6 * NR);
        c6_1.intoArray(tmp, t + 6 * NR + L);
        c7_0.intoArray(tmp, t + 7 * NR);
        c7_1.intoArray(tmp, t + 7 * NR + L);
        c8_0.intoArray(tmp, t + 8 * NR);
        c8_1.intoArray(tmp, t + 8 * NR + L);
        c9_0.intoArray(tmp, t + 9 * NR);
        c9_1.intoArray(tmp, t + 9 * NR + L);
        c10_0.intoArray(tmp, t + 10 * NR);
        c10_1.intoArray(tmp, t + 10 * NR + L);
        c11_0.intoArray(tmp, t + 11 * NR);
        c11_1.intoArray(tmp, t + 11 * NR + L);
    }

    /** Edge tile: the same formula, element by element, on the mv x nv part that lies inside C. */
    private static void updateTail(double[] t, double[] c, int ci, int ldc, double alpha, double beta, int mv, int nv) {
        for (int r = 0; r < mv; r++) {
            int row = ci + r * ldc, tr = O + r * NR;
            for (int j = 0; j < nv; j++) {
                PlainGemm.put(c, row + j, t[tr + j], alpha, beta);
            }
        }
    }
}
