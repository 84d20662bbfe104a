package nnsh.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

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

    @Test
    void sameSeedSameNumbersAndTrainingLowersTheLoss() {
        assertArrayEquals(train(2, 50, Optimizer.Kind.MOMENTUM)[0], train(2, 50, Optimizer.Kind.MOMENTUM)[0], 0.0);
        assertTrue(!java.util.Arrays.equals(train(2, 50, Optimizer.Kind.MOMENTUM)[0], train(2, 50, Optimizer.Kind.GD)[0]));
    }
}
