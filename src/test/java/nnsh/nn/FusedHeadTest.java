package nnsh.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import nnsh.data.DigitLike;
import nnsh.core.Rng;

/**
 * A softmax output with cross-entropy on a narrow layer trains through the fused head: the same gradients,
 * loss and accuracy as the layer-by-layer path to rounding, under a ReLU layer (where the head writes that
 * layer's dZ) and under a tanh one, on the whole set and on a shuffled batch.
 */
class FusedHeadTest {
    static final int M = 300;

    /** The network, or the same layers (weights and gradients shared) with the head never fused. */
    static Network build(int[] sizes, Activation hidden, boolean fused) {
        Network net = Network.build(sizes, new Activation[] {hidden}, Activation.SOFTMAX, Loss.CROSS_ENTROPY);
        net.initialize(Init.HE, new Rng(7));
        return fused ? net : new Network(net.layers(), net.loss, true, false, true);
    }

    @Test
    void takenOnlyWhereItFits() {
        assertTrue(build(new int[] {784, 10, 10}, Activation.RELU, true).fusedHead);
        assertFalse(build(new int[] {784, 10, 10}, Activation.RELU, false).fusedHead);
        assertFalse(build(new int[] {784, 100, 10}, Activation.RELU, true).fusedHead);   // 100 inputs to the head
        assertFalse(build(new int[] {784, 1000, 10}, Activation.RELU, true).fusedHead);  // wide
        assertFalse(Network.build(new int[] {784, 10, 10}, new Activation[] {Activation.RELU}, Activation.SIGMOID,
                Loss.SQUARED_ERROR).fusedHead);
    }

    @Test
    void sameGradientsAsLayerByLayer() {
        Rng r = new Rng(8);
        for (int[] sizes : new int[][] {{784, 10, 10}, {64, 64, 16, 10}, {50, 33, 7}}) {
            double[] x = DigitLike.rows(r, M, sizes[0]);
            int k = sizes[sizes.length - 1];
            int[] y = new int[M], index = new int[M];
            for (int i = 0; i < M; i++) {
                y[i] = r.nextInt(k);
                index[i] = i;
            }
            r.shuffle(index);
            for (Activation hidden : new Activation[] {Activation.RELU, Activation.TANH}) {
                Network fused = build(sizes, hidden, true), plain = new Network(fused.layers(), fused.loss, true, false, true);
                assertTrue(fused.fusedHead);
                assertFalse(plain.fusedHead);
                try (Workers w = new Workers(2)) {
                    for (int[] idx : new int[][] {null, index}) {
                        // The two share their layers: keep the fused gradient before the plain pass overwrites it.
                        Network.Result a = fused.gradient(x, y, idx, 17, 200, w);
                        double[][] dw = new double[fused.depth()][], db = new double[fused.depth()][];
                        for (int l = 0; l < fused.depth(); l++) {
                            dw[l] = fused.layer(l).dw.clone();
                            db[l] = fused.layer(l).db.clone();
                        }
                        Network.Result b = plain.gradient(x, y, idx, 17, 200, w);
                        String at = java.util.Arrays.toString(sizes) + " " + hidden + (idx == null ? "" : " shuffled");
                        assertEquals(b.loss, a.loss, 1e-12, at);
                        assertEquals(b.correct, a.correct, at);
                        for (int l = 0; l < fused.depth(); l++) {
                            assertArrayEquals(plain.layer(l).dw, dw[l], 1e-12, at + " dW" + (l + 1));
                            assertArrayEquals(plain.layer(l).db, db[l], 1e-12, at + " db" + (l + 1));
                        }
                    }
                }
            }
        }
    }
}
