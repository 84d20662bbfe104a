package nnsh.nn;

import nnsh.core.Parallel;
import nnsh.core.Rng;

/**
 * Trains two small networks on made-up digits in a background thread, so that the JIT has compiled the
 * training code before the user's first step or epoch. Until C2 compiles them, the Vector API kernels run as
 * allocating Java code: on MNIST the first step of 784-1000-10 took 2.5 s and its first epoch 4.4-5.0 s
 * against 1.2-1.5 s for the next ones, and the first full-batch step of 784-10-10 took 1.5 s against 20-30
 * ms. The shell starts it with its prompt ({@code -Dnnsh.warmup=false}: never). It runs on one core at low
 * priority, on its own data and networks, with the kernels' threads off, for about two seconds of work; it
 * changes no number the user sees.
 */
public final class Warmup {
    private Warmup() {}

    /** Steps of each network; enough for the kernels to be compiled by C2 (measured: 20 to 60). */
    static final int STEPS = 40;

    /** Starts the warm-up in a daemon thread, unless -Dnnsh.warmup=false; returns the thread, or null. */
    public static Thread start() {
        if ("false".equals(System.getProperty("nnsh.warmup"))) return null;
        Thread t = new Thread(() -> run(), "nnsh-warmup");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
        return t;
    }

    /**
     * A wide network with Adam on shuffled batches (the compact first layer, the packed and skipping
     * products, the gated ReLU, Adam) and a narrow one with full-batch descent (the sparse first layer and
     * the fused output layer), then an evaluation of each. Returns whether it got through.
     */
    static boolean run() {
        boolean was = Parallel.beginSerial();
        try (Workers one = new Workers(1)) {
            int m = 512, n0 = 784;
            int[] y = new int[m];
            double[] x = digits(new Rng(7), m, n0, y);
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
            return true;
        } catch (Throwable e) {
            // A warm-up that fails costs only the time it would have saved; nothing of it reaches the user
            // (an uncaught error would print a stack trace on the shell's terminal).
            return false;
        } finally {
            Parallel.endSerial(was);
        }
    }

    /** m rows of made-up digits: ink (k / 255) in about half of a middle band of each row, labels 0-9. */
    static double[] digits(Rng r, int m, int n0, int[] y) {
        double[] x = new double[m * n0];
        for (int i = 0; i < m; i++) {
            y[i] = r.nextInt(10);
            int lo = n0 / 4 + r.nextInt(n0 / 4);
            for (int c = lo; c < lo + n0 / 4; c++) {
                if (r.nextInt(2) == 0) x[i * n0 + c] = (1 + r.nextInt(255)) * (1 / 255.0);
            }
        }
        return x;
    }
}
