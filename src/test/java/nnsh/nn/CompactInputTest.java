package nnsh.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import nnsh.data.DigitLike;
import nnsh.core.Parallel;
import nnsh.core.Rng;

/**
 * A wide network's gradient skips the input columns that are zero in every row of a chunk (the blank
 * border of digits): the same gradient and loss as the whole input to rounding, weight gradients exactly 0
 * in those columns, and the same bits on any thread count.
 */
class CompactInputTest {
    static final int N0 = 90, M = Network.WIDE_CHUNK + 700;

    /**
     * Digit-like rows with a blank border (columns 0-9 and 80-89 zero throughout), and columns 10-19 inked only
     * in the first 1,000 rows: so the second chunk of a full batch keeps other columns than the first.
     */
    static double[] data(int[] y) {
        Rng r = new Rng(8);
        double[] x = DigitLike.rows(r, M, N0);
        for (int i = 0; i < M; i++) {
            for (int c = 0; c < N0; c++) {
                if (c < 10 || c >= 80 || (c < 20 && i >= 1000)) x[i * N0 + c] = 0;
            }
            if (i < 1000) x[i * N0 + 10 + i % 10] = 0.5;
            y[i] = r.nextInt(10);
        }
        return x;
    }

    /**
     * Square "images" of 10 x 10 (so the compact columns go by 4 x 4 patches): digit-like rows with a blank
     * frame (the first and last pixel row and column).
     */
    static double[] squareData(int[] y) {
        Rng r = new Rng(9);
        double[] x = DigitLike.rows(r, M, 100);
        for (int i = 0; i < M; i++) {
            for (int c = 0; c < 100; c++) {
                int row = c / 10, col = c % 10;
                if (row == 0 || row == 9 || col == 0 || col == 9) x[i * 100 + c] = 0;
            }
            y[i] = r.nextInt(10);
        }
        return x;
    }

    static Network net() {
        return net(N0);
    }

    static Network net(int n0) {
        Network net = Network.build(new int[] {n0, Network.WIDE + 20, 10}, new Activation[] {Activation.RELU},
                Activation.SOFTMAX, Loss.CROSS_ENTROPY);
        net.initialize(Init.HE, new Rng(4));
        Rng r = new Rng(6);   // biases too: the compact product carries b_0 in its last column
        for (Dense d : net.layers()) for (int o = 0; o < d.out; o++) d.b[o] = 0.2 * (r.nextDouble() - 0.5);
        return net;
    }

    /** A network on net's layers (the same weights) that takes the compact first layer or never does. */
    static Network twin(Network net, boolean compact) {
        return new Network(net.layers(), net.loss, true, true, compact);
    }

    /** dW and db of every layer and the loss, after a gradient of count rows from start (through index). */
    static double[][] gradient(Network net, double[] x, int[] y, int[] index, int start, int count) {
        try (Workers w = new Workers(2)) {
            Network.Result r = net.gradient(x, y, index, start, count, w);
            return new double[][] {net.layer(0).dw.clone(), net.layer(0).db.clone(), net.layer(1).dw.clone(),
                    net.layer(1).db.clone(), {r.loss, r.correct}};
        }
    }

    /** Columns with a nonzero in the last chunk of count rows from start (through index), the plain way. */
    static int nonzeroColumns(double[] x, int[] index, int start, int count) {
        int from = (count - 1) / Network.WIDE_CHUNK * Network.WIDE_CHUNK, n = 0;
        for (int c = 0; c < N0; c++) {
            for (int i = from; i < count; i++) {
                int row = index == null ? start + i : index[start + i];
                if (x[row * N0 + c] != 0) {
                    n++;
                    break;
                }
            }
        }
        return n;
    }

    @Test
    void sameGradientAsTheWholeInput() {
        int[] y = new int[M];
        double[] x = data(y);
        int[] index = new int[M];
        for (int i = 0; i < M; i++) index[i] = i;
        new Rng(5).shuffle(index);
        Network net = net(), wholeNet = twin(net, false), compactNet = twin(net, true);
        // full batch (two chunks, the second without columns 10-19: 60 kept), a shuffled batch, the first
        // 1,000 rows (70 kept), the last 77 shuffled
        int[][] cases = {{0, M, 0}, {0, 1024, 1}, {0, 1000, 0}, {M - 77, 77, 1}};
        for (int c = 0; c < cases.length; c++) {
            int[] idx = cases[c][2] == 1 ? index : null;
            double[][] whole = gradient(wholeNet, x, y, idx, cases[c][0], cases[c][1]);
            assertEquals(0, wholeNet.lastInputColumns());
            double[][] compact = gradient(compactNet, x, y, idx, cases[c][0], cases[c][1]);
            String what = "rows " + cases[c][0] + "+" + cases[c][1] + (idx == null ? "" : " shuffled");
            assertEquals(nonzeroColumns(x, idx, cases[c][0], cases[c][1]), compactNet.lastInputColumns(), what);
            if (c == 0) assertEquals(60, compactNet.lastInputColumns());
            if (c == 2) assertEquals(70, compactNet.lastInputColumns());
            for (int k = 0; k < whole.length; k++) {
                for (int i = 0; i < whole[k].length; i++) {
                    assertEquals(whole[k][i], compact[k][i], 1e-12 * Math.max(1, Math.abs(whole[k][i])), what + ": array " + k + " at " + i);
                }
            }
            double[] dw0 = compact[0];
            for (int o = 0; o < Network.WIDE + 20; o++) {
                for (int col = 0; col < N0; col++) {
                    if (col < 10 || col >= 80) assertEquals(0.0, dw0[o * N0 + col], 0.0, what + ": blank column " + col);
                }
            }
        }
    }

    /**
     * A chunk with no ink at all (a batch of one blank image, say) keeps no column: Z_0 = b_0, and the same loss
     * and gradient as the whole input, to rounding (db_0 is summed in the rows' sorted order). It once took the compact form's marker, a nonzero column count, for "not
     * compact", read the compact rows as whole ones and left dW_0 undivided.
     */
    @Test
    void aChunkWithoutInk() {
        int m = 40;
        double[] x = new double[m * N0];
        int[] y = new int[m];
        for (int i = 0; i < m; i++) y[i] = i % 10;
        Network net = net(), wholeNet = twin(net, false), compactNet = twin(net, true);
        for (int count : new int[] {1, m}) {
            double[][] whole = gradient(wholeNet, x, y, null, 0, count);
            double[][] compact = gradient(compactNet, x, y, null, 0, count);
            assertEquals(0, compactNet.lastInputColumns(), "no column kept");
            for (int k = 0; k < whole.length; k++) {
                for (int i = 0; i < whole[k].length; i++) {
                    assertEquals(whole[k][i], compact[k][i], 1e-12 * Math.max(1, Math.abs(whole[k][i])), count + " rows, array " + k + " at " + i);
                }
            }
        }
    }

    /**
     * Square inputs: columns by 4 x 4 patches and rows by label and ink (see Network.orderRows): the same
     * gradient and loss as the whole input in batch order, to rounding; the frame's weights get exactly 0.
     */
    @Test
    void squareInputsInPatchAndLabelOrder() {
        int[] y = new int[M];
        double[] x = squareData(y);
        int[] index = new int[M];
        for (int i = 0; i < M; i++) index[i] = i;
        new Rng(7).shuffle(index);
        Network net = net(100), wholeNet = twin(net, false), compactNet = twin(net, true);
        for (int[] c : new int[][] {{0, M, 0}, {100, 1024, 1}}) {
            int[] idx = c[2] == 1 ? index : null;
            double[][] whole = gradient(wholeNet, x, y, idx, c[0], c[1]);
            double[][] compact = gradient(compactNet, x, y, idx, c[0], c[1]);
            assertEquals(64, compactNet.lastInputColumns(), "the 8 x 8 inside of the frame");
            for (int k = 0; k < whole.length; k++) {
                for (int i = 0; i < whole[k].length; i++) {
                    assertEquals(whole[k][i], compact[k][i], 1e-12 * Math.max(1, Math.abs(whole[k][i])), "array " + k + " at " + i);
                }
            }
            for (int o = 0; o < Network.WIDE + 20; o++) {
                for (int col = 0; col < 100; col++) {
                    int row = col / 10, cc = col % 10;
                    if (row == 0 || row == 9 || cc == 0 || cc == 9) assertEquals(0.0, compact[0][o * 100 + col], 0.0);
                }
            }
        }
    }

    /** Weights and evaluation after a few Adam steps on batches of 1,000 and on the full batch. */
    static double[][] train(int threads, int batch, boolean square) {
        int saved = Parallel.threads();
        Parallel.setThreads(threads);
        try {
            int[] y = new int[M];
            double[] x = square ? squareData(y) : data(y);
            Network net = net(square ? 100 : N0);
            Trainer t = new Trainer(net, new Optimizer(Optimizer.Kind.ADAM, 0.01), 3);
            t.setData(x, y, M);
            t.setBatchSize(batch);
            try (Workers w = new Workers(threads)) {
                for (int i = 0; i < 4; i++) t.step(w);
                Network.Result r = net.evaluate(x, y, null, 0, M, w, null, null);
                return new double[][] {net.layer(0).w, net.layer(0).b, net.layer(1).w, {r.loss, r.accuracy}};
            }
        } finally {
            Parallel.setThreads(saved);
        }
    }

    @Test
    void sameBitsOnAnyThreadCount() {
        for (int batch : new int[] {0, 1000, -1}) {   // -1: square inputs, batches of 1,000
            boolean square = batch < 0;
            double[][] one = train(1, square ? 1000 : batch, square);
            for (int threads : new int[] {2, 3}) {
                double[][] other = train(threads, square ? 1000 : batch, square);
                for (int k = 0; k < one.length; k++) assertArrayEquals(one[k], other[k], 0.0, "batch " + batch + ", threads " + threads);
            }
        }
    }
}
