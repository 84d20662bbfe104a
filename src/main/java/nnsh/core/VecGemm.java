package nnsh.core;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Blocked, packed GEMM on the Vector API (GotoBLAS loop structure). Loaded only when
 * {@link Backend#simd()} is true.
 *
 * <pre>
 * for jc over n in NC columns:            B panel kc x nc, packed once, shared by all threads
 *   for pc over k in kc steps:            kc chosen from k alone, so the summation order never
 *     pack B panel (parallel)             depends on the thread count
 *     for each (ic block, column range):  one task each, run in parallel
 *       pack A block mc x kc (thread-local buffer)
 *       for each NR-column sliver, for each MR-row sliver: micro-kernel
 * </pre>
 *
 * The micro-kernel keeps an MR x NR tile of C (12 rows x 2 vectors: 12 x 16 on AVX-512) in 24 registers,
 * broadcasting one element of A and multiplying it into two vectors of B with FMA. Block sizes
 * (KC 1024, MC 144: the packed A block, 144 x 1024 doubles = 1.2 MiB, stays in L2) were tuned on a Xeon
 * with 48 KiB L1 / 2 MiB L2. A long kc means fewer passes over C, whose tile updates cost more than the
 * B sliver falling out of L1: against KC 512 / MC 192, same minute, W2 went from 2.50-2.67 to 2.24-2.32
 * s/epoch and the 2048^3 product from 110 to 114-123 GFLOPS (the layer products with k <= 1024 now
 * take one pass). System properties
 * nnsh.gemm.kc/mc/nc override them. Packing pads edge slivers with zeros, so tails run through the
 * same kernel; only the C update of an edge tile goes element by element. Packing also resolves the
 * transposes: one kernel serves NN, NT, TN, TT.
 *
 * Each element of C is the sum over the kc blocks in order, each block an in-order FMA chain; the
 * result depends only on (m, n, k) and the data, never on how many threads ran it.
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

    static final int KC = Math.max(16, Integer.getInteger("nnsh.gemm.kc", 1024));
    static final int MC = roundUp(Math.max(MR, Integer.getInteger("nnsh.gemm.mc", 144)), MR);
    static final int NC = roundUp(Math.max(NR, Integer.getInteger("nnsh.gemm.nc", 4096)), NR);

    private static final class Bufs {
        double[] a = new double[0];
        double[] b = new double[0];
        final double[] tmp = new double[MR * NR];
    }

    private static final ThreadLocal<Bufs> BUFS = ThreadLocal.withInitial(Bufs::new);

    static int roundUp(int x, int q) {
        return (x + q - 1) / q * q;
    }

    static void gemm(boolean transA, boolean transB, int m, int n, int k,
                     double alpha, double[] a, int aOff, int lda,
                     double[] b, int bOff, int ldb,
                     double beta, double[] c, int cOff, int ldc, boolean parallel) {
        if (m <= 0 || n <= 0 || k <= 0) {   // nothing to pack: Gemm handles the empty cases
            Gemm.gemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
            return;
        }
        int kBlocks = (k + KC - 1) / KC;
        int kcStep = (k + kBlocks - 1) / kBlocks;          // balanced blocks: k = 784 -> 262, 262, 260
        int ncMax = Math.min(NC, roundUp(n, NR));
        int threads = parallel ? Parallel.threads() : 1;

        Bufs own = BUFS.get();
        if (own.b.length < kcStep * ncMax) own.b = new double[kcStep * ncMax];
        final double[] bp = own.b;

        // Tasks: ic blocks of rows; when there are too few of them for the threads, also split columns.
        int mc = Math.min(MC, roundUp(m, MR));
        if (threads > 1) {
            // At least 2 blocks per thread, a multiple of the threads, of near-equal size: 1024 rows on
            // 2 threads as 192 x 5 + 64 left one thread a third idle at the end of every k block.
            int blocks = Math.max(2 * threads, (m + mc - 1) / mc);
            blocks = (blocks + threads - 1) / threads * threads;
            mc = Math.max(MR, roundUp((m + blocks - 1) / blocks, MR));
        }
        final int mcF = mc;
        final int icBlocks = (m + mc - 1) / mc;

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
                final int mode = pc > 0 ? 2 : (beta == 0 ? 0 : 1);

                if (threads > 1 && slivers >= 2) {
                    int chunks = Math.min(slivers, threads);
                    int per = (slivers + chunks - 1) / chunks;
                    Parallel.forEach((slivers + per - 1) / per, t ->
                            packB(transB, b, bOff, ldb, pcF, kc, jcF, nc, t * per,
                                    Math.min(slivers, (t + 1) * per), bp));
                } else {
                    packB(transB, b, bOff, ldb, pc, kc, jc, nc, 0, slivers, bp);
                }

                int tasks = icBlocks * colSplitF;
                if (threads > 1 && tasks > 1) {
                    Parallel.forEach(tasks, t -> {
                        int ib = t / colSplitF, cs = t % colSplitF;
                        block(transA, n, alpha, a, aOff, lda, beta, c, cOff, ldc, bp, pcF, kc, jcF, mode,
                                ib * mcF, Math.min(mcF, m - ib * mcF),
                                cs * slPer, Math.min(slivers, (cs + 1) * slPer));
                    });
                } else {
                    for (int ib = 0; ib < icBlocks; ib++) {
                        block(transA, n, alpha, a, aOff, lda, beta, c, cOff, ldc, bp, pc, kc, jc, mode,
                                ib * mc, Math.min(mc, m - ib * mc), 0, slivers);
                    }
                }
            }
        }
    }

    /** Rows [i0, i0 + mc) of C against B slivers [s0, s1) of the packed panel. */
    private static void block(boolean transA, int n, double alpha, double[] a, int aOff, int lda,
                              double beta, double[] c, int cOff, int ldc, double[] bp,
                              int pc, int kc, int jc, int mode, int i0, int mc, int s0, int s1) {
        if (s0 >= s1 || mc <= 0) return;
        Bufs tb = BUFS.get();
        int need = roundUp(mc, MR) * kc;
        if (tb.a.length < need) tb.a = new double[Math.max(need, MC * KC)];
        double[] ap = tb.a;
        packA(transA, a, aOff, lda, i0, mc, pc, kc, ap);
        int rSl = (mc + MR - 1) / MR;
        // B slivers outer: each B sliver is reused from L1/L2 across the whole A block.
        for (int s = s0; s < s1; s++) {
            int j = jc + s * NR;
            int nv = Math.min(NR, n - j);
            int bIdx = s * kc * NR;
            for (int r = 0; r < rSl; r++) {
                int i = i0 + r * MR;
                int mv = Math.min(MR, i0 + mc - i);
                kernel(kc, ap, r * kc * MR, bp, bIdx, c, cOff + i * ldc + j, ldc, alpha, beta, mode,
                        mv, nv, tb.tmp);
            }
        }
    }

    /** Packs op(B)[pc .. pc+kc) x [jc .. jc+nc), slivers [s0, s1), as bp[s][p][0 .. NR), zero-padded. */
    static void packB(boolean transB, double[] b, int bOff, int ldb, int pc, int kc, int jc, int nc,
                      int s0, int s1, double[] bp) {
        for (int s = s0; s < s1; s++) {
            int j0 = jc + s * NR;
            int nv = Math.min(NR, jc + nc - j0);
            int base = s * kc * NR;
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

    /** Packs op(A)[i0 .. i0+mc) x [pc .. pc+kc) as ap[r][p][0 .. MR), zero-padded. */
    static void packA(boolean transA, double[] a, int aOff, int lda, int i0, int mc, int pc, int kc,
                      double[] ap) {
        int rSl = (mc + MR - 1) / MR;
        for (int r = 0; r < rSl; r++) {
            int i = i0 + r * MR;
            int mv = Math.min(MR, i0 + mc - i);
            int base = r * kc * MR;
            if (!transA) {
                if (mv == MR) {
                    for (int ii = 0; ii < MR; ii++) {
                        int src = aOff + (i + ii) * lda + pc;
                        for (int p = 0, d = base + ii; p < kc; p++, d += MR) ap[d] = a[src + p];
                    }
                } else {
                    for (int ii = 0; ii < MR; ii++) {
                        if (ii < mv) {
                            int src = aOff + (i + ii) * lda + pc;
                            for (int p = 0, d = base + ii; p < kc; p++, d += MR) ap[d] = a[src + p];
                        } else {
                            for (int p = 0, d = base + ii; p < kc; p++, d += MR) ap[d] = 0.0;
                        }
                    }
                }
            } else {
                int src = aOff + pc * lda + i;
                for (int p = 0, d = base; p < kc; p++, d += MR, src += lda) {
                    for (int ii = 0; ii < mv; ii++) ap[d + ii] = a[src + ii];
                    for (int ii = mv; ii < MR; ii++) ap[d + ii] = 0.0;
                }
            }
        }
    }

    /**
     * C tile (mv x nv of MR x NR) at c[ci] (+ row * ldc) from packed slivers. mode 0: C = alpha*acc;
     * 1: C = alpha*acc + beta*C; 2: C = C + alpha*acc (later kc blocks).
     */
    static void kernel(int kc, double[] ap, int ai, double[] bp, int bi, double[] c, int ci, int ldc,
                       double alpha, double beta, int mode, int mv, int nv, double[] tmp) {
        kernel12(kc, ap, ai, bp, bi, tmp);
        if (mv == MR && nv == NR) update(tmp, c, ci, ldc, alpha, beta, mode);
        else updateTail(tmp, c, ci, ldc, alpha, beta, mode, mv, nv);
    }

    /** 12 x 2 vectors of C in 24 registers: a B sliver of kc x 16 doubles stays in L1. */
    static void kernel12(int kc, double[] ap, int ai, double[] bp, int bi, double[] tmp) {
        DoubleVector z = DoubleVector.zero(S);
        DoubleVector c0_0 = z, c0_1 = z;
        DoubleVector c1_0 = z, c1_1 = z;
        DoubleVector c2_0 = z, c2_1 = z;
        DoubleVector c3_0 = z, c3_1 = z;
        DoubleVector c4_0 = z, c4_1 = z;
        DoubleVector c5_0 = z, c5_1 = z;
        DoubleVector c6_0 = z, c6_1 = z;
        DoubleVector c7_0 = z, c7_1 = z;
        DoubleVector c8_0 = z, c8_1 = z;
        DoubleVector c9_0 = z, c9_1 = z;
        DoubleVector c10_0 = z, c10_1 = z;
        DoubleVector c11_0 = z, c11_1 = z;
        int aEnd = ai + kc * 12;
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
        c0_0.intoArray(tmp, 0 * NR);
        c0_1.intoArray(tmp, 0 * NR + L);
        c1_0.intoArray(tmp, 1 * NR);
        c1_1.intoArray(tmp, 1 * NR + L);
        c2_0.intoArray(tmp, 2 * NR);
        c2_1.intoArray(tmp, 2 * NR + L);
        c3_0.intoArray(tmp, 3 * NR);
        c3_1.intoArray(tmp, 3 * NR + L);
        c4_0.intoArray(tmp, 4 * NR);
        c4_1.intoArray(tmp, 4 * NR + L);
        c5_0.intoArray(tmp, 5 * NR);
        c5_1.intoArray(tmp, 5 * NR + L);
        c6_0.intoArray(tmp, 6 * NR);
        c6_1.intoArray(tmp, 6 * NR + L);
        c7_0.intoArray(tmp, 7 * NR);
        c7_1.intoArray(tmp, 7 * NR + L);
        c8_0.intoArray(tmp, 8 * NR);
        c8_1.intoArray(tmp, 8 * NR + L);
        c9_0.intoArray(tmp, 9 * NR);
        c9_1.intoArray(tmp, 9 * NR + L);
        c10_0.intoArray(tmp, 10 * NR);
        c10_1.intoArray(tmp, 10 * NR + L);
        c11_0.intoArray(tmp, 11 * NR);
        c11_1.intoArray(tmp, 11 * NR + L);
    }

    /** Full MR x NR tile: C = alpha*t (mode 0), alpha*t + beta*C (1), C + alpha*t (2). */
    private static void update(double[] t, double[] c, int ci, int ldc, double alpha, double beta, int mode) {
        for (int r = 0; r < MR; r++) {
            int row = ci + r * ldc, tr = r * NR;
            for (int v = 0; v < NR; v += L) {
                DoubleVector x = DoubleVector.fromArray(S, t, tr + v).mul(alpha);
                if (mode == 2) x = DoubleVector.fromArray(S, c, row + v).add(x);
                else if (mode == 1) x = x.add(DoubleVector.fromArray(S, c, row + v).mul(beta));
                x.intoArray(c, row + v);
            }
        }
    }

    /** Edge tile: the same formulas, element by element, on the mv x nv part that lies inside C. */
    private static void updateTail(double[] t, double[] c, int ci, int ldc, double alpha, double beta, int mode,
                                   int mv, int nv) {
        for (int r = 0; r < mv; r++) {
            int row = ci + r * ldc, tr = r * NR;
            for (int j = 0; j < nv; j++) {
                double v = alpha * t[tr + j];
                if (mode == 0) c[row + j] = v;
                else if (mode == 2) c[row + j] = c[row + j] + v;
                else c[row + j] = v + beta * c[row + j];
            }
        }
    }
}
