package nnsh.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import nnsh.data.DigitLike;
import nnsh.core.Parallel;
import nnsh.core.Rng;
import nnsh.core.SparseRows;

/**
 * Mostly-zero inputs (digits) take the sparse path for the first layer: the same gradients, losses and
 * predictions as the dense path to rounding, and the same bits whatever the thread count.
 */
class SparseInputTest {
    static final int M = 700;

    /** M examples of n0 inputs, digit-like (a fifth inked, in one band of each row), labels 0-9. */
    static double[] data(int n0, int[] y) {
        Rng r = new Rng(21);
        double[] x = DigitLike.rows(r, M, n0);
        for (int i = 0; i < M; i++) y[i] = r.nextInt(10);
        return x;
    }

    /** Gradient of the whole set, then of a shuffled batch of 150, then an evaluation: every number. */
    static double[][] pass(int[] sizes, boolean sparse, int threads) {
        double was = SparseRows.setMaxDensity(sparse ? 0.5 : 0);
        int saved = Parallel.threads();
        Parallel.setThreads(threads);
        try {
            int[] y = new int[M];
            double[] x = data(sizes[0], y);
            if (sparse) assertNotNull(SparseRows.cached(x, sizes[0]));
            Network net = Network.build(sizes, new Activation[] {Activation.RELU}, Activation.SOFTMAX, Loss.CROSS_ENTROPY);
            net.initialize(Init.HE, new Rng(4));
            int[] index = new int[M];
            for (int i = 0; i < M; i++) index[i] = i;
            new Rng(5).shuffle(index);
            try (Workers w = new Workers(threads)) {
                Network.Result full = net.gradient(x, y, null, 0, M, w);
                double[] dw0 = net.layer(0).dw.clone(), db0 = net.layer(0).db.clone(), dw1 = net.layer(1).dw.clone();
                Network.Result batch = net.gradient(x, y, index, 33, 150, w);
                int[] pred = new int[M];
                Network.Result eval = net.evaluate(x, y, null, 0, M, w, pred, null);
                double[] p = new double[M];
                for (int i = 0; i < M; i++) p[i] = pred[i];
                return new double[][] {dw0, db0, dw1, net.layer(0).dw, net.layer(0).db, net.layer(1).dw,
                        {full.loss, batch.loss, eval.loss, eval.accuracy}, p};
            }
        } finally {
            Parallel.setThreads(saved);
            SparseRows.setMaxDensity(was);
        }
    }

    static void sameToRounding(double[][] dense, double[][] sparse, String what) {
        for (int k = 0; k < dense.length; k++) {
            assertEquals(dense[k].length, sparse[k].length);
            for (int i = 0; i < dense[k].length; i++) {
                assertEquals(dense[k][i], sparse[k][i], 1e-12 * Math.max(1, Math.abs(dense[k][i])), what + ": array " + k + " at " + i);
            }
        }
    }

    static void sameBits(int[] sizes, String what) {
        double[][] one = pass(sizes, true, 1);
        for (int threads : new int[] {2, 3}) {
            double[][] other = pass(sizes, true, threads);
            for (int k = 0; k < one.length; k++) assertArrayEquals(one[k], other[k], 0.0, what + ", threads " + threads);
        }
    }

    @Test
    void narrowNetworkSameAsDense() {
        int[] sizes = {97, 10, 10};
        sameToRounding(pass(sizes, false, 2), pass(sizes, true, 2), "97-10-10");
        sameBits(sizes, "97-10-10");
        int[] one = {50, 3, 10};   // less than one group of units
        sameToRounding(pass(one, false, 2), pass(one, true, 2), "50-3-10");
        int[] four = {61, 40, 10};   // four groups
        sameToRounding(pass(four, false, 2), pass(four, true, 2), "61-40-10");
        sameBits(four, "61-40-10");
        int[] widest = {61, Network.WIDE - 1, 10};   // 26 groups, the last one of 5 units
        sameToRounding(pass(widest, false, 2), pass(widest, true, 2), "61-255-10");
    }

    @Test
    void wideNetworksStayDense() {
        // 61-276-10 is wide (whole-batch products): the dense path, same bits. Every narrower first layer
        // is within what the sparse products take.
        assertTrue(nnsh.core.Sparse.narrowMax() >= Network.WIDE - 1);
        for (int[] sizes : new int[][] {{61, Network.WIDE + 20, 10}}) {
            double[][] dense = pass(sizes, false, 2), sparse = pass(sizes, true, 2);
            for (int k = 0; k < dense.length; k++) assertArrayEquals(dense[k], sparse[k], 0.0, java.util.Arrays.toString(sizes));
        }
    }

    @Test
    void trainingOnSparseDataDoesNotDependOnThreads() {
        double[][] one = DeterminismTest.trainSparse(1), two = DeterminismTest.trainSparse(2), three = DeterminismTest.trainSparse(3);
        for (int k = 0; k < one.length; k++) {
            assertArrayEquals(one[k], two[k], 0.0);
            assertArrayEquals(one[k], three[k], 0.0);
        }
    }
}
