package nnsh.nn;

import nnsh.core.Parallel;
import nnsh.core.Rng;
import nnsh.data.DigitLike;

/**
 * Trains two small networks on made-up digits in a background thread, so that the JIT has compiled the
 * training code before the user's first step or epoch. Until C2 compiles them, the Vector API kernels run as
 * allocating Java code: on MNIST the first step of 784-1000-10 took 2.5 s and its first epoch 4.4-5.0 s
 * against 1.2-1.5 s for the next ones, and the first full-batch step of 784-10-10 took 1.5 s against 20-30
 * ms. The interactive shell starts it with its prompt ({@code -Dnnsh.warmup=false}: never). It runs on one
 * core (a daemon thread, the kernels' threads off), on its own data and networks, for about two seconds of
 * work; it changes no number the user sees. A command typed meanwhile shares the cores with it.
 */
public final class Warmup {
    private Warmup() {}

    /** Steps of each network; enough for the kernels to be compiled by C2 (measured: 20 to 60). */
    static final int STEPS = 40;

    /** Starts the warm-up in a daemon thread, unless -Dnnsh.warmup=false; returns the thread, or null. */
    public static Thread start() {
        if (!nnsh.core.Switch.on("nnsh.warmup")) return null;
        Thread t = new Thread(() -> run(), "nnsh-warmup");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /**
     * A wide network with Adam on shuffled batches (the compact first layer, the packed and skipping
     * products, the gated ReLU, Adam) and a narrow one with full-batch descent (the sparse first layer and
     * the fused output layer), then an evaluation of each. Returns null, or what stopped it.
     */
    static Throwable run() {
        boolean was = Parallel.beginSerial();
        try (Workers one = new Workers(1)) {
            int m = EXAMPLES, n0 = SIDE * SIDE;
            int[] y = new int[m];
            double[] x = data(y);
            int[][] shapes = {{n0, 300, 10}, {n0, 10, 10}};
            for (int[] sizes : shapes) {
                Network net = Network.build(sizes, new Activation[] {Activation.RELU}, Activation.SOFTMAX, Loss.CROSS_ENTROPY);
                net.initialize(Init.GLOROT, new Rng(1));
                boolean wide = sizes[1] >= Network.WIDE;
                Trainer t = new Trainer(net, new Optimizer(wide ? Optimizer.Kind.ADAM : Optimizer.Kind.GD, wide ? 0.001 : 0.1), 1);
                t.setData(x, y, m);
                t.setBatchSize(wide ? 256 : 0);
                for (int i = 0; i < STEPS; i++) t.step(one);
                net.evaluate(x, y, null, 0, m, one, new int[m], null);
            }
            return null;
        } catch (Throwable e) {
            // A warm-up that fails costs only the time it would have saved; nothing of it reaches the user
            // (an uncaught error would print a stack trace on the shell's terminal).
            return e;
        } finally {
            Parallel.endSerial(was);
        }
    }

    /** The warm-up's examples: EXAMPLES made-up SIDE x SIDE digits, SIDE^2 pixels a row. */
    static final int EXAMPLES = 512, SIDE = 28;

    /** The warm-up's data: its digits, with their labels into y (EXAMPLES long). */
    static double[] data(int[] y) {
        return digits(new Rng(7), EXAMPLES, SIDE, y);
    }

    /**
     * m made-up side x side digits ({@link DigitLike}) with a blank frame of 3 pixels, as MNIST's border is blank
     * (so the wide network takes its input compact), and labels 0-9 into y.
     */
    static double[] digits(Rng r, int m, int side, int[] y) {
        int n0 = side * side;
        double[] x = DigitLike.rows(r, m, n0);
        for (int i = 0; i < m; i++) {
            y[i] = r.nextInt(10);
            for (int c = 0; c < n0; c++) {
                int row = c / side, col = c % side;
                if (Math.min(row, col) < 3 || Math.max(row, col) >= side - 3) x[i * n0 + c] = 0;
            }
        }
        return x;
    }
}
