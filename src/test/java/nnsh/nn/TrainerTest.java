package nnsh.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import nnsh.core.Rng;

class TrainerTest {
    /** Two well separated blobs per class: any working engine learns them. */
    static double[] blobs(int m, int[] y, Rng r) {
        double[] x = new double[m * 2];
        for (int i = 0; i < m; i++) {
            y[i] = i % 3;
            x[2 * i] = Math.cos(y[i] * 2.1) + 0.1 * r.nextGaussian();
            x[2 * i + 1] = Math.sin(y[i] * 2.1) + 0.1 * r.nextGaussian();
        }
        return x;
    }

    @Test
    void learnsSeparableClassesWithEveryOptimizer() {
        for (Optimizer.Kind k : Optimizer.Kind.values()) {
            int m = 300;
            int[] y = new int[m];
            double[] x = blobs(m, y, new Rng(1));
            Network net = Network.build(new int[] {2, 8, 3}, new Activation[] {Activation.TANH}, Activation.SOFTMAX, Loss.CROSS_ENTROPY);
            net.initialize(Init.GLOROT, new Rng(2));
            Trainer t = new Trainer(net, new Optimizer(k, Optimizer.defaultLearningRate(k) * 5), 1);
            t.setData(x, y, m);
            t.setBatchSize(32);
            try (Workers w = new Workers(2)) {
                double first = t.step(w).loss;
                for (int i = 0; i < 300; i++) t.step(w);
                Network.Result r = net.evaluate(x, y, null, 0, m, w, null, null);
                assertTrue(r.loss < first / 2, k + ": loss " + first + " -> " + r.loss);
                assertTrue(r.accuracy > 0.95, k + ": accuracy " + r.accuracy);
            }
        }
    }

    @Test
    void epochsAndIterationsAreCounted() {
        int m = 100;
        int[] y = new int[m];
        double[] x = blobs(m, y, new Rng(1));
        Network net = Network.build(new int[] {2, 3}, new Activation[] {Activation.RELU}, Activation.SOFTMAX, Loss.CROSS_ENTROPY);
        Trainer t = new Trainer(net, new Optimizer(Optimizer.Kind.GD, 0.1), 1);
        t.setData(x, y, m);
        t.setBatchSize(30);
        assertEquals(4, t.iterationsPerEpoch());
        try (Workers w = new Workers(1)) {
            for (int i = 0; i < 5; i++) t.step(w);
        }
        assertEquals(5, t.iteration());
        assertEquals(1, t.epoch());
        assertEquals(30, t.cursor());
        assertEquals(5, t.history.size());
    }

    @Test
    void nonFiniteLossStopsWithoutUpdating() {
        int m = 10;
        int[] y = new int[m];
        double[] x = blobs(m, y, new Rng(1));
        Network net = Network.build(new int[] {2, 3}, new Activation[] {Activation.RELU}, Activation.SOFTMAX, Loss.CROSS_ENTROPY);
        net.layer(0).w[0] = Double.NaN;
        Trainer t = new Trainer(net, new Optimizer(Optimizer.Kind.GD, 0.1), 1);
        t.setData(x, y, m);
        double b0 = net.layer(0).b[1];
        try (Workers w = new Workers(1)) {
            assertThrows(Trainer.NonFiniteException.class, () -> t.step(w));
        }
        assertEquals(0, t.iteration());
        assertEquals(b0, net.layer(0).b[1]);
    }

    static boolean allFinite(Network net, Optimizer o) {
        for (Dense d : net.layers()) {
            for (double v : d.w) if (!Double.isFinite(v)) return false;
            for (double v : d.b) if (!Double.isFinite(v)) return false;
        }
        for (double[][] mom : new double[][][] {o.firstMoments(), o.secondMoments()}) {
            if (mom == null) continue;
            for (double[] a : mom) if (a != null) for (double v : a) if (!Double.isFinite(v)) return false;
        }
        return true;
    }

    /**
     * A learning rate so large that the update itself overflows: training stops at the iteration
     * whose update would be non-finite, and the parameters and moments are those of the iteration
     * before, all finite, for every optimizer.
     */
    @Test
    void anUpdateThatWouldOverflowIsRefusedAndTheLastFiniteParametersStay() {
        int refusedUpdates = 0;
        for (Optimizer.Kind k : Optimizer.Kind.values()) {
            for (double lr : new double[] {1e6, 1e50, 1e150, 1e300, 1e307}) {
                String what = k.id + " lr " + lr;
                int m = 60;
                int[] y = new int[m];
                double[] x = blobs(m, y, new Rng(1));
                for (int i = 0; i < x.length; i++) x[i] *= 1e3;
                // identity output and squared error: nothing bounds the gradient.
                Network net = Network.build(new int[] {2, 4, 3}, new Activation[] {Activation.RELU}, Activation.IDENTITY, Loss.SQUARED_ERROR);
                net.initialize(Init.GLOROT, new Rng(2));
                Optimizer o = new Optimizer(k, lr);
                Trainer t = new Trainer(net, o, 1);
                t.setData(x, y, m);
                double[] w = null, b = null;
                long it = -1;
                boolean stopped = false;
                try (Workers wk = new Workers(1)) {
                    for (int i = 0; i < 300; i++) {
                        w = net.layer(1).w.clone();
                        b = net.layer(0).b.clone();
                        it = t.iteration();
                        t.step(wk);
                    }
                } catch (Trainer.NonFiniteException e) {
                    stopped = true;
                    assertEquals(it + 1, e.iteration, what + ": " + e.getMessage());
                    if (e.getMessage().contains("update")) refusedUpdates++;
                }
                // Bounded rules (rmsprop, adam) may wander without overflowing; all must stay finite.
                assertTrue(allFinite(net, o), what + ": a parameter or moment is not finite after training");
                if (!stopped) continue;
                assertEquals(it, t.iteration(), what);
                org.junit.jupiter.api.Assertions.assertArrayEquals(w, net.layer(1).w, what);
                org.junit.jupiter.api.Assertions.assertArrayEquals(b, net.layer(0).b, what);
                assertEquals(it, t.history.size(), what);
            }
        }
        assertTrue(refusedUpdates > 0, "no case reached an update that would overflow");
    }

    /** The dry run says "finite" exactly when the real update leaves everything finite. */
    @Test
    void theDryRunAgreesWithTheUpdate() {
        Rng r = new Rng(9);
        for (int c = 0; c < 4000; c++) {
            Optimizer.Kind k = Optimizer.Kind.values()[c % 4];
            Network net = Network.build(new int[] {3, 2}, new Activation[] {}, Activation.IDENTITY, Loss.SQUARED_ERROR);
            Dense d = net.layer(0);
            for (double[] a : new double[][] {d.w, d.b, d.dw, d.db}) {
                for (int i = 0; i < a.length; i++) a[i] = r.nextGaussian() * Math.pow(10, r.nextInt(310));
            }
            Optimizer o = new Optimizer(k, Math.pow(10, r.nextInt(310) - 10));
            if (r.nextInt(2) == 0) o.step(net.layers()); // some state first
            for (double[] a : new double[][] {d.w, d.b}) for (int i = 0; i < a.length; i++) if (!Double.isFinite(a[i])) a[i] = 1;
            if (!allFinite(net, o)) continue;
            boolean said = o.stepIsFinite(net.layers());
            o.step(net.layers());
            assertEquals(allFinite(net, o), said, k + " case " + c);
        }
    }
}
