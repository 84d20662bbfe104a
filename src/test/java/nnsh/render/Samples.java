package nnsh.render;

/** Deterministic synthetic inputs shared by the render tests. */
final class Samples {
    private Samples() {}

    /** A 28x28 hand-drawn-looking "7": bar on top, diagonal stroke, soft edges. */
    static double[] seven28() {
        double[] p = new double[28 * 28];
        for (int y = 0; y < 28; y++) {
            for (int x = 0; x < 28; x++) {
                double d = Math.min(distSeg(x, y, 6, 6, 21, 6), distSeg(x, y, 21, 6, 11, 23));
                p[y * 28 + x] = clamp(1.6 - d * 0.7);
            }
        }
        return p;
    }

    /** A 28x28 "0": an ellipse ring. */
    static double[] zero28() {
        double[] p = new double[28 * 28];
        for (int y = 0; y < 28; y++) {
            for (int x = 0; x < 28; x++) {
                double dx = (x - 13.5) / 6.5, dy = (y - 13.5) / 9.0;
                double r = Math.sqrt(dx * dx + dy * dy);
                p[y * 28 + x] = clamp(1.5 - Math.abs(r - 1) * 9);
            }
        }
        return p;
    }

    /** An 8x8 "1" in [0,1] like the scikit-learn digits scaled by 1/16. */
    static double[] one8() {
        int[] v = {
            0, 0, 0, 12, 13, 5, 0, 0,
            0, 0, 0, 11, 16, 9, 0, 0,
            0, 0, 3, 15, 16, 6, 0, 0,
            0, 7, 15, 16, 16, 2, 0, 0,
            0, 0, 1, 16, 16, 3, 0, 0,
            0, 0, 1, 16, 16, 6, 0, 0,
            0, 0, 1, 16, 16, 6, 0, 0,
            0, 0, 0, 11, 16, 10, 0, 0};
        double[] p = new double[64];
        for (int i = 0; i < 64; i++) p[i] = v[i] / 16.0;
        return p;
    }

    /** Weights for a 28x28 unit: positive blob upper left, negative lower right. */
    static double[] weights28(int seed) {
        double[] w = new double[784];
        for (int y = 0; y < 28; y++) {
            for (int x = 0; x < 28; x++) {
                double a = Math.exp(-((x - 9 - seed % 5) * (x - 9 - seed % 5) + (y - 10) * (y - 10)) / 30.0);
                double b = Math.exp(-((x - 19) * (x - 19) + (y - 17 - seed % 3) * (y - 17 - seed % 3)) / 25.0);
                w[y * 28 + x] = 0.3 * a - 0.2 * b + 0.01 * Math.sin(x * 3 + y * 7 + seed);
            }
        }
        return w;
    }

    /** A loss curve falling from about 2.3 with some noise. */
    static double[] loss(int n) {
        double[] l = new double[n];
        for (int i = 0; i < n; i++) l[i] = 0.35 + 1.95 * Math.exp(-i / (n / 6.0)) + 0.05 * Math.sin(i * 1.7);
        return l;
    }

    /** An accuracy curve rising from 0.1 towards 0.95. */
    static double[] acc(int n, double top) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) a[i] = top - (top - 0.1) * Math.exp(-i / (n / 5.0));
        return a;
    }

    /** A plausible MNIST test-set confusion matrix (10,000 samples). */
    static int[][] confusion() {
        int[] per = {980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009};
        int[][] c = new int[10][10];
        for (int i = 0; i < 10; i++) {
            int left = per[i];
            for (int k = 1; k <= 3; k++) {
                int j = (i * 3 + k * 7) % 10;
                if (j == i) continue;
                int e = (i * 7 + k * 5) % 9 + k;
                c[i][j] += e;
                left -= e;
            }
            c[i][i] = left;
        }
        c[4][9] += 14;
        c[4][4] -= 14;
        return c;
    }

    private static double distSeg(double px, double py, double ax, double ay, double bx, double by) {
        double vx = bx - ax, vy = by - ay;
        double t = Math.max(0, Math.min(1, ((px - ax) * vx + (py - ay) * vy) / (vx * vx + vy * vy)));
        double dx = px - ax - t * vx, dy = py - ay - t * vy;
        return Math.sqrt(dx * dx + dy * dy);
    }

    private static double clamp(double v) {
        return Math.max(0, Math.min(1, v));
    }
}
