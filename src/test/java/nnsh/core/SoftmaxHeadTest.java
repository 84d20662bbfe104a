package nnsh.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The fused output layer: against the layer-by-layer math (product, softmax, cross-entropy, dZ, dZ^T A,
 * column sums, dZ W, the ReLU gate) on blocks of every length around the group of 8, and its vector steps
 * against the plain ones bit for bit.
 */
class SoftmaxHeadTest {
    @Test
    void takesNarrowLayersOnly() {
        assertTrue(SoftmaxHead.fits(10, 10));
        assertTrue(SoftmaxHead.fits(64, 16));
        assertFalse(SoftmaxHead.fits(65, 10));
        assertFalse(SoftmaxHead.fits(10, 17));
        assertFalse(SoftmaxHead.fits(10, 1));
    }

    @Test
    void matchesTheLayerByLayerMath() {
        Rng r = new Rng(41);
        for (int t = 0; t < 300; t++) {
            int in = 1 + r.nextInt(t % 3 == 0 ? 64 : 12), out = 2 + r.nextInt(t % 4 == 0 ? 15 : 9);
            int rows = 1 + r.nextInt(t % 5 == 0 ? 70 : 20), aOff = r.nextInt(4);
            // split: the rows go in as two blocks (the sums run on over both), else as one.
            boolean relu = t % 2 == 0, split = t % 3 == 1 && rows > 1;
            double[] a = new double[aOff + rows * in], w = OpsTest.rand(r, out * in, 1), b = OpsTest.rand(r, out, 1);
            for (int i = 0; i < a.length; i++) a[i] = relu ? Math.max(0, r.nextDouble() * 2 - 1) : r.nextDouble() * 2 - 1;
            int[] y = new int[rows];
            for (int i = 0; i < rows; i++) y[i] = r.nextInt(out);
            double[] gw = OpsTest.rand(r, out * in, 1), gb = OpsTest.rand(r, out, 1), wantGw = new double[out * in], wantGb = new double[out];
            double[] da = new double[rows * in], wantDa = new double[rows * in];
            double wantLoss = 0;
            int wantCorrect = 0;
            for (int row = 0; row < rows; row++) {
                double[] z = new double[out], p = new double[out];
                double max = Double.NEGATIVE_INFINITY, sum = 0;
                for (int j = 0; j < out; j++) {
                    for (int i = 0; i < in; i++) z[j] += w[j * in + i] * a[aOff + row * in + i];
                    z[j] += b[j];
                    max = Math.max(max, z[j]);
                }
                for (int j = 0; j < out; j++) sum += Math.exp(z[j] - max);
                int arg = 0;
                for (int j = 0; j < out; j++) {
                    p[j] = Math.exp(z[j] - max) / sum;
                    if (p[j] > p[arg]) arg = j;
                }
                wantLoss += max + Math.log(sum) - z[y[row]];
                if (arg == y[row]) wantCorrect++;
                for (int j = 0; j < out; j++) {
                    double dz = p[j] - (j == y[row] ? 1 : 0);
                    wantGb[j] += dz;
                    for (int i = 0; i < in; i++) {
                        wantGw[j * in + i] += dz * a[aOff + row * in + i];
                        wantDa[row * in + i] += dz * w[j * in + i];
                    }
                }
                if (relu) for (int i = 0; i < in; i++) if (!(a[aOff + row * in + i] > 0)) wantDa[row * in + i] = 0;
            }
            SoftmaxHead.Scratch s = new SoftmaxHead.Scratch(in, out);
            java.util.Arrays.fill(s.accW, 7.0);   // begin must clear what an earlier pass left
            SoftmaxHead.begin(s);
            int cut = split ? 1 + r.nextInt(rows - 1) : rows;
            SoftmaxHead.block(s, cut, a, aOff, y, w, b, da, relu);
            double loss = s.loss;
            int correct = s.correct;
            if (split) {
                int[] rest = java.util.Arrays.copyOfRange(y, cut, rows);
                double[] daRest = new double[(rows - cut) * in];
                SoftmaxHead.block(s, rows - cut, a, aOff + cut * in, rest, w, b, daRest, relu);
                System.arraycopy(daRest, 0, da, cut * in, daRest.length);
                loss += s.loss;
                correct += s.correct;
            }
            SoftmaxHead.sums(s, gw, gb);
            String at = "in " + in + ", out " + out + ", rows " + rows + ", relu " + relu + ", split " + split;
            assertEquals(wantLoss, loss, 1e-12 * rows * (1 + Math.abs(wantLoss / rows)), at);
            assertEquals(wantCorrect, correct, at);
            assertArrayEquals(wantGw, gw, 1e-12 * (rows + 2), at);
            assertArrayEquals(wantGb, gb, 1e-12 * (rows + 2), at);
            assertArrayEquals(wantDa, da, 1e-12 * out, at);
        }
    }

    @Test
    void vectorStepsGiveThePlainBits() {
        Assumptions.assumeTrue(SoftmaxHead.vector(), "the Vector API, up to 8 lanes");
        Rng r = new Rng(42);
        for (int t = 0; t < 200; t++) {
            int in = 1 + r.nextInt(64), out = 2 + r.nextInt(15);
            boolean relu = t % 2 == 0;
            double[] w = OpsTest.rand(r, out * in, 1), b = OpsTest.rand(r, out, 1);
            SoftmaxHead.Scratch plain = new SoftmaxHead.Scratch(in, out), vec = new SoftmaxHead.Scratch(in, out);
            for (int i = 0; i < plain.aT.length; i++) plain.aT[i] = vec.aT[i] = t % 3 == 0 ? Math.max(0, r.nextDouble() - 0.5) : r.nextDouble() * 2 - 1;
            for (int i = 0; i < plain.accW.length; i++) plain.accW[i] = vec.accW[i] = r.nextDouble() - 0.5;
            for (int i = 0; i < plain.accB.length; i++) plain.accB[i] = vec.accB[i] = r.nextDouble() - 0.5;
            for (int l = 0; l < SoftmaxHead.G; l++) plain.label[l] = vec.label[l] = l == t % 9 ? -1 : r.nextInt(out);
            SoftmaxHead.forward(plain, w, b);
            VecSoftmaxHead.forward(vec, w, b);
            assertArrayEquals(plain.zT, vec.zT, 0.0);
            assertArrayEquals(plain.max, vec.max, 0.0);
            assertArrayEquals(plain.eT, vec.eT, 0.0);
            Exp.expInPlace(plain.eT, 0, plain.eT.length);
            Exp.expInPlace(vec.eT, 0, vec.eT.length);
            SoftmaxHead.backward(plain, w, relu);
            VecSoftmaxHead.backward(vec, w, relu);
            String at = "in " + in + ", out " + out + ", relu " + relu;
            assertArrayEquals(plain.sum, vec.sum, 0.0, at);
            assertArrayEquals(plain.best, vec.best, 0.0, at);
            assertArrayEquals(plain.dzT, vec.dzT, 0.0, at);
            assertArrayEquals(plain.accW, vec.accW, 0.0, at);
            assertArrayEquals(plain.accB, vec.accB, 0.0, at);
            assertArrayEquals(plain.daT, vec.daT, 0.0, at);
        }
    }
}
