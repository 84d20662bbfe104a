package nnsh.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GemmTest {
    private static final double TOL = 1e-12;
    private final int savedThreads = Parallel.threads();

    @AfterEach
    void restoreThreads() {
        Parallel.setThreads(savedThreads);
    }

    /** Which implementation a case runs through. */
    interface Impl {
        void run(boolean tA, boolean tB, int m, int n, int k, double alpha, double[] a, int aOff, int lda,
                 double[] b, int bOff, int ldb, double beta, double[] c, int cOff, int ldc);
    }

    static final Impl GEMM = Gemm::gemm;
    static final Impl PLAIN = Gemm::plain;
    static final Impl PLAIN_ROWS = (tA, tB, m, n, k, al, a, ao, lda, b, bo, ldb, be, c, co, ldc) ->
            PlainGemm.rows(tA, tB, 0, m, n, k, al, a, ao, lda, b, bo, ldb, be, c, co, ldc);
    /** The blocked SIMD kernel forced even for tiny shapes, serial and parallel. */
    static final Impl VEC = (tA, tB, m, n, k, al, a, ao, lda, b, bo, ldb, be, c, co, ldc) ->
            VecGemm.gemm(tA, tB, m, n, k, al, a, ao, lda, b, bo, ldb, be, c, co, ldc, false, VecGemm.DENSE);
    static final Impl VEC_PAR = (tA, tB, m, n, k, al, a, ao, lda, b, bo, ldb, be, c, co, ldc) ->
            VecGemm.gemm(tA, tB, m, n, k, al, a, ao, lda, b, bo, ldb, be, c, co, ldc, true, VecGemm.DENSE);

    /** One random case: op(A) m x k, op(B) k x n, with offsets and leading dimensions past the columns. */
    static final class Case {
        final boolean tA, tB;
        final int m, n, k, aOff, lda, bOff, ldb, cOff, ldc;
        final double alpha, beta;
        final double[] a, b, c0;

        Case(Rng r, boolean tA, boolean tB, int m, int n, int k, double alpha, double beta, boolean pad) {
            this.tA = tA;
            this.tB = tB;
            this.m = m;
            this.n = n;
            this.k = k;
            this.alpha = alpha;
            this.beta = beta;
            int aRows = tA ? k : m, aCols = tA ? m : k;
            int bRows = tB ? n : k, bCols = tB ? k : n;
            aOff = pad ? r.nextInt(5) : 0;
            bOff = pad ? r.nextInt(5) : 0;
            cOff = pad ? r.nextInt(5) : 0;
            lda = Math.max(1, aCols + (pad ? r.nextInt(4) : 0));
            ldb = Math.max(1, bCols + (pad ? r.nextInt(4) : 0));
            ldc = Math.max(1, n + (pad ? r.nextInt(4) : 0));
            a = fill(r, aOff + aRows * lda + 3);
            b = fill(r, bOff + bRows * ldb + 3);
            c0 = fill(r, cOff + m * ldc + 3);
            if (beta == 0) {   // old C must be ignored, even NaN
                for (int i = 0; i < m; i++) Arrays.fill(c0, cOff + i * ldc, cOff + i * ldc + n, Double.NaN);
            }
        }

        double[] run(Impl impl) {
            double[] c = c0.clone();
            impl.run(tA, tB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
            return c;
        }

        /** Checks got against the reference: error within TOL of the magnitude of the terms summed. */
        void check(double[] got, String what) {
            double[] want = run(Gemm::reference);
            for (int x = 0; x < want.length; x++) {
                int rel = x - cOff;
                boolean inside = rel >= 0 && rel / ldc < m && rel % ldc < n;
                if (!inside) {
                    if (Double.doubleToRawLongBits(got[x]) != Double.doubleToRawLongBits(c0[x]))
                        fail(what + ": wrote outside C at " + x + " " + this);
                    continue;
                }
                int i = rel / ldc, j = rel % ldc;
                double mag = 0;
                for (int p = 0; p < k; p++) {
                    double av = tA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
                    double bv = tB ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
                    mag += Math.abs(av * bv);
                }
                mag = Math.abs(alpha) * mag + (beta == 0 ? 0 : Math.abs(beta * c0[x]));
                double err = Math.abs(got[x] - want[x]);
                if (!(err <= TOL * mag + Double.MIN_NORMAL))
                    fail(what + ": C(" + i + "," + j + ") = " + got[x] + ", reference " + want[x] + ", " + this);
            }
        }

        @Override
        public String toString() {
            return "case " + (tA ? "T" : "N") + (tB ? "T" : "N") + " m=" + m + " n=" + n + " k=" + k
                    + " alpha=" + alpha + " beta=" + beta + " offs=" + aOff + "," + bOff + "," + cOff
                    + " ld=" + lda + "," + ldb + "," + ldc;
        }
    }

    static double[] fill(Rng r, int len) {
        double[] x = new double[len];
        for (int i = 0; i < len; i++) x[i] = r.nextDouble() * 2 - 1;
        return x;
    }

    static final double[] ALPHAS = {1.0, -0.75, 2.5};
    static final double[] BETAS = {0.0, 1.0, 0.3};

    private void randomCases(Impl impl, String what, int count, int maxDim, long seed) {
        Rng r = new Rng(seed);
        for (int t = 0; t < count; t++) {
            boolean tA = (t & 1) != 0, tB = (t & 2) != 0;
            int m = r.nextInt(maxDim + 1), n = r.nextInt(maxDim + 1), k = r.nextInt(maxDim + 1);
            if (t % 7 == 0) m = 1 + r.nextInt(3);
            if (t % 11 == 0) n = 1 + r.nextInt(3);
            if (t % 13 == 0) k = 1 + r.nextInt(3);
            Case cs = new Case(r, tA, tB, m, n, k, ALPHAS[t % 3], BETAS[(t / 3) % 3], t % 2 == 0 || t % 5 == 0);
            cs.check(cs.run(impl), what);
        }
    }

    @Test
    void plainPathMatchesReference() {
        randomCases(PLAIN, "plain", 300, 40, 1);
        randomCases(PLAIN_ROWS, "plain rows", 100, 40, 2);
    }

    @Test
    void dispatchMatchesReferenceOnSmallAndOddShapes() {
        randomCases(GEMM, "gemm", 400, 45, 3);
    }

    @Test
    void simdKernelMatchesReferenceOnAllTails() {
        if (!Backend.simd()) return;
        randomCases(VEC, "simd", 400, 60, 4);
        Parallel.setThreads(3);
        randomCases(VEC_PAR, "simd parallel", 200, 60, 5);
    }

    /** The skinny kernels called directly: NT with n <= 16 and TN with m <= 16, every tail of rows, k and n. */
    @Test
    void skinnyKernelsMatchReferenceOnAllTails() {
        if (!Backend.simd()) return;
        Rng r = new Rng(8);
        for (boolean par : new boolean[] {false, true}) {
            Parallel.setThreads(par ? 3 : 1);
            for (int t = 0; t < 300; t++) {
                int small = 1 + r.nextInt(Gemm.SKINNY);
                int m = 1 + r.nextInt(70), k = 1 + r.nextInt(90), n = 1 + r.nextInt(90);
                if (t % 5 == 0) k = 784 + r.nextInt(20);
                if (t % 7 == 0) m = 64;
                boolean nt = (t & 1) == 0;
                Case cs = nt ? new Case(r, false, true, m, small, k, ALPHAS[t % 3], BETAS[(t / 3) % 3], t % 3 == 0)
                        : new Case(r, true, false, small, n, k, ALPHAS[t % 3], BETAS[(t / 3) % 3], t % 3 == 0);
                Impl skinny = nt
                        ? (tA, tB, mm, nn, kk, al, a, ao, lda, b, bo, ldb, be, c, co, ldc) ->
                                VecSkinny.nt(mm, nn, kk, al, a, ao, lda, b, bo, ldb, be, c, co, ldc, par)
                        : (tA, tB, mm, nn, kk, al, a, ao, lda, b, bo, ldb, be, c, co, ldc) ->
                                VecSkinny.tn(mm, nn, kk, al, a, ao, lda, b, bo, ldb, be, c, co, ldc, par);
                double[] got = cs.run(skinny);
                cs.check(got, par ? "skinny parallel" : "skinny");
                assertTrue(Gemm.skinny(cs.tA, cs.tB, cs.m, cs.n));
                // parallel or not, the same numbers
                assertArrayEquals(got, cs.run(nt
                        ? (tA, tB, mm, nn, kk, al, a, ao, lda, b, bo, ldb, be, c, co, ldc) ->
                                VecSkinny.nt(mm, nn, kk, al, a, ao, lda, b, bo, ldb, be, c, co, ldc, !par)
                        : (tA, tB, mm, nn, kk, al, a, ao, lda, b, bo, ldb, be, c, co, ldc) ->
                                VecSkinny.tn(mm, nn, kk, al, a, ao, lda, b, bo, ldb, be, c, co, ldc, !par)), 0.0, cs.toString());
            }
        }
    }

    @Test
    void largerShapesCrossEveryBlockBoundary() {
        // k past one pass (2300: five k blocks of 460), m past mc, n past a few slivers, odd everywhere;
        // the last shape has three k blocks (of 350) in each of two column panels (n past nc), so the
        // partial-sum buffer is filled, read and refilled.
        int[][] shapes = {{197, 61, 531}, {64, 10, 784}, {10, 784, 64}, {33, 250, 300}, {301, 27, 257}, {157, 45, 2300},
                {29, 4150, 1050}};
        Rng r = new Rng(6);
        int t = 0;
        for (int[] s : shapes) {
            for (int tr = 0; tr < 4; tr++, t++) {
                Case cs = new Case(r, (tr & 1) != 0, (tr & 2) != 0, s[0], s[1], s[2],
                        ALPHAS[t % 3], BETAS[t % 3], true);
                cs.check(cs.run(GEMM), "gemm");
                if (Backend.simd()) cs.check(cs.run(VEC), "simd");
            }
        }
    }

    @Test
    void resultsAreBitIdenticalForAnyThreadCount() {
        // 600 x 40 x 1100: k in three blocks, and rows in several blocks of MC_SPLIT even on one thread.
        int[][] shapes = {{300, 257, 530}, {1000, 10, 300}, {10, 500, 700}, {129, 300, 97}, {4099, 13, 781}, {7, 5003, 301},
                {161, 70, 1500}, {600, 40, 1100}};
        Rng r = new Rng(7);
        int t = 0;
        for (int[] s : shapes) {
            for (int tr = 0; tr < 4; tr++, t++) {
                Case cs = new Case(r, (tr & 1) != 0, (tr & 2) != 0, s[0], s[1], s[2],
                        ALPHAS[t % 3], BETAS[t % 3], t % 2 == 0);
                double[] ref = null;
                for (int threads : new int[] {1, 2, 3}) {
                    Parallel.setThreads(threads);
                    double[] got = cs.run(GEMM);
                    double[] plain = cs.run(PLAIN);
                    if (ref == null) {
                        ref = got;
                        cs.check(got, "gemm");
                    } else {
                        assertArrayEquals(ref, got, 0.0, threads + " threads differ from 1, " + cs);
                    }
                    // plain loops sum in the reference order: bit-identical to it at any thread count
                    assertArrayEquals(cs.run(Gemm::reference), plain, 0.0, "plain, " + threads + " threads, " + cs);
                }
            }
        }
    }

    /**
     * Zeros in op(A) (inA) or op(B) as a batch of digits has them: whole steps of k blank for runs of rows
     * (columns), and single zeros besides; about half the values.
     */
    static void sparsify(Case cs, boolean inA, Rng r) {
        int rows = inA ? cs.m : cs.n;
        for (int p = 0; p < cs.k; p++) {
            int blankFrom = r.nextInt(rows + 1), blankTo = blankFrom + r.nextInt(rows + 1);   // a run of rows blank at step p
            for (int i = 0; i < rows; i++) {
                if ((i >= blankFrom && i < blankTo) || r.nextInt(4) == 0) {
                    if (inA) cs.a[cs.tA ? cs.aOff + p * cs.lda + i : cs.aOff + i * cs.lda + p] = 0.0;
                    else cs.b[cs.tB ? cs.bOff + i * cs.ldb + p : cs.bOff + p * cs.ldb + i] = 0.0;
                }
            }
        }
    }

    static Impl skipping(boolean inA) {
        return (tA, tB, m, n, k, al, a, ao, lda, b, bo, ldb, be, c, co, ldc) ->
                Gemm.gemmSkippingZeros(inA, tA, tB, m, n, k, al, a, ao, lda, b, bo, ldb, be, c, co, ldc);
    }

    /**
     * Skipping the steps of k where a sliver of the sparse side is all zeros leaves each element's in-order
     * chain without its 0 * x terms: the same bits as the dense kernel, whatever the shape (tails, several k
     * blocks, several column panels), transposes and thread count. A NaN on the sparse side is not a zero.
     */
    @Test
    void skippingZerosGivesTheSameBits() {
        int[][] shapes = {{1024, 300, 612}, {97, 130, 41}, {13, 17, 1300}, {300, 29, 1024}, {61, 4150, 300}};
        Rng r = new Rng(9);
        int t = 0;
        for (int[] sh : shapes) {
            for (int tr = 0; tr < 4; tr++) {
                for (boolean inA : new boolean[] {true, false}) {
                    t++;
                    Case cs = new Case(r, (tr & 1) != 0, (tr & 2) != 0, sh[0], sh[1], sh[2], ALPHAS[t % 3], BETAS[t % 3], t % 2 == 0);
                    sparsify(cs, inA, r);
                    if (t % 5 == 0) {   // a NaN where the sparse side is otherwise blank
                        if (inA) cs.a[cs.aOff] = Double.NaN;
                        else cs.b[cs.bOff] = Double.NaN;
                    }
                    Parallel.setThreads(1);
                    double[] dense = cs.run(Backend.simd() ? VEC : GEMM);
                    if (t % 5 != 0) cs.check(dense, "dense");
                    for (int threads : new int[] {1, 2, 3}) {
                        Parallel.setThreads(threads);
                        assertArrayEquals(dense, cs.run(skipping(inA)), 0.0, (inA ? "zeros in A, " : "zeros in B, ") + threads + " threads, " + cs);
                    }
                }
            }
        }
    }

    /** What skipping means: a 0 in the sparse side against an infinity on the other is left out, not NaN. */
    @Test
    void skippedStepsLeaveOutZeroTimesInfinity() {
        if (!Backend.simd() || !Gemm.SKIP_ZEROS) return;   // the plain path, or skipping switched off: nothing skipped
        int m = 48, n = 64, k = 400;
        double[] a = new double[m * k], b = new double[k * n];
        Rng r = new Rng(2);
        for (int i = 0; i < m; i++) for (int p = 0; p < k; p += 3) a[i * k + p] = r.nextDouble();   // steps 1, 2 mod 3 blank
        for (int i = 0; i < b.length; i++) b[i] = r.nextDouble();
        b[1 * n + 5] = Double.POSITIVE_INFINITY;   // step 1, against A's blank column 1
        double[] dense = new double[m * n], skip = new double[m * n];
        Gemm.gemm(false, false, m, n, k, 1.0, a, 0, k, b, 0, n, 0.0, dense, 0, n);
        Gemm.gemmSkippingZeros(true, false, false, m, n, k, 1.0, a, 0, k, b, 0, n, 0.0, skip, 0, n);
        assertTrue(Double.isNaN(dense[5]), "dense: 0 * inf");
        assertTrue(Double.isFinite(skip[5]), "skipped");
        for (int x = 0; x < dense.length; x++) if (x % n != 5) assertEquals(dense[x], skip[x], 0.0);
    }

    /** The same with the zeros in op(B): its blank steps are left out too (proof that SKIP_B skips at all). */
    @Test
    void skippedStepsOfBLeaveOutInfinityTimesZero() {
        if (!Backend.simd() || !Gemm.SKIP_ZEROS) return;
        int m = 48, n = 64, k = 400;
        double[] a = new double[m * k], b = new double[k * n];
        Rng r = new Rng(3);
        for (int i = 0; i < a.length; i++) a[i] = r.nextDouble();
        for (int p = 0; p < k; p += 3) for (int j = 0; j < n; j++) b[p * n + j] = r.nextDouble();   // steps 1, 2 mod 3 blank
        a[5 * k + 1] = Double.POSITIVE_INFINITY;   // row 5, step 1, against B's blank row 1
        double[] dense = new double[m * n], skip = new double[m * n];
        Gemm.gemm(false, false, m, n, k, 1.0, a, 0, k, b, 0, n, 0.0, dense, 0, n);
        Gemm.gemmSkippingZeros(false, false, false, m, n, k, 1.0, a, 0, k, b, 0, n, 0.0, skip, 0, n);
        assertTrue(Double.isNaN(dense[5 * n]), "dense: inf * 0");
        for (int j = 0; j < n; j++) assertTrue(Double.isFinite(skip[5 * n + j]), "skipped, column " + j);
        for (int x = 0; x < dense.length; x++) if (x / n != 5) assertEquals(dense[x], skip[x], 0.0);
    }

    @Test
    void emptyDimensions() {
        double[] c = {5, 6, 7, 8};
        Gemm.gemm(false, false, 2, 2, 0, 1.0, new double[0], 0, 1, new double[0], 0, 2, 0.0, c, 0, 2);
        assertArrayEquals(new double[] {0, 0, 0, 0}, c, 0.0);
        c = new double[] {5, 6, 7, 8};
        Gemm.gemm(true, true, 2, 2, 0, 1.0, new double[0], 0, 1, new double[0], 0, 1, 2.0, c, 0, 2);
        assertArrayEquals(new double[] {10, 12, 14, 16}, c, 0.0);
        c = new double[] {5, 6};
        Gemm.gemm(false, false, 0, 2, 3, 1.0, new double[0], 0, 3, new double[6], 0, 2, 0.0, c, 0, 2);
        Gemm.gemm(false, false, 2, 0, 3, 1.0, new double[6], 0, 3, new double[0], 0, 1, 0.0, c, 0, 1);
        assertArrayEquals(new double[] {5, 6}, c, 0.0);
    }

    @Test
    void backendDescribesItself() {
        String d = Backend.describe();
        assertTrue(d.contains("thread"), d);
        assertEquals(Backend.simd(), d.startsWith("Vector API"), d);
    }
}
