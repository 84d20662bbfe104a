package nnsh.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import nnsh.core.Parallel;
import nnsh.core.Rng;

/** Same seed, same numbers: on every run and whatever the number of threads. */
class DeterminismTest {
    static double[][] train(int threads, int batch, Optimizer.Kind kind) {
        Rng data = new Rng(7);
        int m = 1000, n0 = 20;
        double[] x = new double[m * n0];
        int[] y = new int[m];
        for (int i = 0; i < x.length; i++) x[i] = data.nextDouble();
        for (int i = 0; i < m; i++) y[i] = data.nextInt(10);
        Network net = Network.build(new int[] {n0, 16, 10}, new Activation[] {Activation.RELU}, Activation.SOFTMAX, Loss.CROSS_ENTROPY);
        net.initialize(Init.HE, new Rng(3));
        Trainer t = new Trainer(net, new Optimizer(kind, 0.01), 3);
        t.setData(x, y, m);
        t.setBatchSize(batch);
        try (Workers w = new Workers(threads)) {
            for (int i = 0; i < 25; i++) t.step(w);
        }
        return new double[][] {net.layer(0).w, net.layer(0).b, net.layer(1).w, net.layer(1).b};
    }

    /** 784-10-10 on digit-like data (mostly zeros: the sparse path), mini-batches of 100 with momentum. */
    static double[][] trainSparse(int threads) {
        Rng data = new Rng(17);
        int m = 600, n0 = 784;
        double[] x = nnsh.data.DigitLike.rows(data, m, n0);
        int[] y = new int[m];
        if (nnsh.core.SparseRows.cached(x, n0) == null) throw new AssertionError("digit-like data takes the sparse path");
        for (int i = 0; i < m; i++) y[i] = data.nextInt(10);
        Network net = Network.build(new int[] {n0, 10, 10}, new Activation[] {Activation.RELU}, Activation.SOFTMAX, Loss.CROSS_ENTROPY);
        net.initialize(Init.UNIFORM, new Rng(3));
        Trainer t = new Trainer(net, new Optimizer(Optimizer.Kind.MOMENTUM, 0.1), 3);
        t.setData(x, y, m);
        t.setBatchSize(100);
        try (Workers w = new Workers(threads)) {
            for (int i = 0; i < 12; i++) t.step(w);
        }
        return new double[][] {net.layer(0).w, net.layer(0).b, net.layer(1).w, net.layer(1).b};
    }

    @Test
    void threadCountDoesNotChangeTheNumbers() {
        for (int batch : new int[] {0, 64, 333}) {
            double[][] one = train(1, batch, Optimizer.Kind.ADAM);
            for (int threads : new int[] {2, 3, 8}) {
                double[][] other = train(threads, batch, Optimizer.Kind.ADAM);
                for (int k = 0; k < one.length; k++) assertArrayEquals(one[k], other[k], 0.0, "batch " + batch + ", threads " + threads);
            }
        }
    }

    /**
     * A wide network (a layer of Network.WIDE units or more) takes whole-batch products split over the
     * kernel threads, and blocks of WIDE_BLOCK rows in evaluate: neither may depend on the thread count.
     */
    static double[][] trainWide(int threads, int batch) {
        int saved = Parallel.threads();
        Parallel.setThreads(threads);
        try {
            Rng data = new Rng(11);
            int m = 2500, n0 = 37;
            double[] x = new double[m * n0];
            int[] y = new int[m];
            for (int i = 0; i < x.length; i++) x[i] = data.nextDouble();
            for (int i = 0; i < m; i++) y[i] = data.nextInt(10);
            Network net = Network.build(new int[] {n0, Network.WIDE + 45, 10}, new Activation[] {Activation.RELU},
                    Activation.SOFTMAX, Loss.CROSS_ENTROPY);
            assertTrue(net.wide);
            net.initialize(Init.GLOROT, new Rng(5));
            Trainer t = new Trainer(net, new Optimizer(Optimizer.Kind.ADAM, 0.01), 3);
            t.setData(x, y, m);
            t.setBatchSize(batch);
            double[] eval = new double[2];
            try (Workers w = new Workers(threads)) {
                for (int i = 0; i < 6; i++) t.step(w);
                Network.Result r = net.evaluate(x, y, null, 0, m, w, null, null);
                eval[0] = r.loss;
                eval[1] = r.accuracy;
            }
            return new double[][] {net.layer(0).w, net.layer(0).b, net.layer(1).w, net.layer(1).b, eval};
        } finally {
            Parallel.setThreads(saved);
        }
    }

    @Test
    void wideNetworksToo() {
        // full batch (past WIDE_CHUNK: two passes), a batch with an odd tail, a small one
        for (int batch : new int[] {0, 1000, 77}) {
            double[][] one = trainWide(1, batch);
            for (int threads : new int[] {2, 3}) {
                double[][] other = trainWide(threads, batch);
                for (int k = 0; k < one.length; k++) assertArrayEquals(one[k], other[k], 0.0, "wide, batch " + batch + ", threads " + threads);
            }
        }
    }

    /**
     * The gradient and loss of a wide network whose hidden layer is not ReLU: its bias and activation (and
     * the activation's backward) go in row chunks over the kernel threads too, and its evaluation runs the
     * same steps in each partition's workspace on the workers' threads.
     */
    static double[][] wideGradient(int threads, Activation hidden) {
        int saved = Parallel.threads();
        Parallel.setThreads(threads);
        try {
            Rng data = new Rng(13);
            int m = 333, n0 = 30;     // 333 rows: row chunks of 64 and a tail of 13
            double[] x = new double[m * n0];
            int[] y = new int[m];
            for (int i = 0; i < x.length; i++) x[i] = data.nextDouble() * 4 - 2;
            for (int i = 0; i < m; i++) y[i] = data.nextInt(10);
            Network net = Network.build(new int[] {n0, Network.WIDE + 20, 10}, new Activation[] {hidden},
                    Activation.SOFTMAX, Loss.CROSS_ENTROPY);
            assertTrue(net.wide);
            net.initialize(Init.GLOROT, new Rng(6));
            double[] losses = new double[2];
            try (Workers w = new Workers(threads)) {
                losses[0] = net.gradient(x, y, null, 0, m, w).loss;
                losses[1] = net.evaluate(x, y, null, 0, m, w, null, null).loss;
            }
            assertTrue(Double.isFinite(losses[0]) && Double.isFinite(losses[1]), hidden + ": " + losses[0] + ", " + losses[1]);
            return new double[][] {net.layer(0).dw, net.layer(0).db, net.layer(1).dw, net.layer(1).db, losses};
        } finally {
            Parallel.setThreads(saved);
        }
    }

    @Test
    void wideNetworksWithOtherHiddenActivations() {
        for (Activation hidden : new Activation[] {Activation.TANH, Activation.SIGMOID, Activation.LEAKY_RELU}) {
            double[][] one = wideGradient(1, hidden);
            for (int threads : new int[] {2, 3}) {
                double[][] other = wideGradient(threads, hidden);
                for (int k = 0; k < one.length; k++) {
                    for (int i = 0; i < one[k].length; i++) {
                        assertEquals(Double.doubleToRawLongBits(one[k][i]), Double.doubleToRawLongBits(other[k][i]),
                                hidden + ", threads " + threads + ", array " + k + ", element " + i);
                    }
                }
            }
        }
    }

    @Test
    void sameSeedSameNumbersAndTrainingLowersTheLoss() {
        assertArrayEquals(train(2, 50, Optimizer.Kind.MOMENTUM)[0], train(2, 50, Optimizer.Kind.MOMENTUM)[0], 0.0);
        assertTrue(!java.util.Arrays.equals(train(2, 50, Optimizer.Kind.MOMENTUM)[0], train(2, 50, Optimizer.Kind.GD)[0]));
    }
}
