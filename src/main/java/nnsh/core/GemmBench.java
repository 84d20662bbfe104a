package nnsh.core;

import java.util.Arrays;
import java.util.Locale;

/**
 * Throughput of {@link Gemm#gemm} on a square double product (default 2048^3): warms up, then
 * reports the median of several timed runs. Prints on standard output
 *
 * <pre>
 * bench gemm &lt;GFLOPS&gt; GFLOPS                  (all threads)
 * bench gemm-1thread &lt;GFLOPS&gt; GFLOPS          (one thread, for comparison)
 * </pre>
 *
 * and the backend line on standard error. Arguments: [size] [runs]. Start the JVM with
 * {@code --add-modules jdk.incubator.vector}, or it measures the plain-Java fallback.
 */
public final class GemmBench {
    private GemmBench() {}

    public static void main(String[] args) {
        int size = args.length > 0 ? Integer.parseInt(args[0]) : 2048;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int all = Parallel.threads();
        System.err.println("backend: " + Backend.describe());
        double multi = gflops(size, runs, all);
        System.out.printf(Locale.ROOT, "bench gemm %.1f GFLOPS%n", multi);
        if (all > 1) {
            double one = gflops(size, runs, 1);
            System.out.printf(Locale.ROOT, "bench gemm-1thread %.1f GFLOPS%n", one);
        }
    }

    /** Median GFLOPS of {@code runs} timed products of size^3 on {@code threads} threads, after warm-up. */
    public static double gflops(int size, int runs, int threads) {
        int saved = Parallel.threads();
        Parallel.setThreads(threads);
        try {
            Rng rng = new Rng(42);
            double[] a = new double[size * size], b = new double[size * size], c = new double[size * size];
            for (int i = 0; i < a.length; i++) {
                a[i] = rng.nextDouble() - 0.5;
                b[i] = rng.nextDouble() - 0.5;
            }
            double flops = 2.0 * size * size * size;
            long warmUntil = System.nanoTime() + 1_500_000_000L;
            int w = 0;
            while (w < 2 || System.nanoTime() < warmUntil) {
                Gemm.gemm(false, false, size, size, size, 1.0, a, 0, size, b, 0, size, 0.0, c, 0, size);
                w++;
            }
            double[] g = new double[Math.max(1, runs)];
            for (int r = 0; r < g.length; r++) {
                long t0 = System.nanoTime();
                Gemm.gemm(false, false, size, size, size, 1.0, a, 0, size, b, 0, size, 0.0, c, 0, size);
                g[r] = flops / (System.nanoTime() - t0);
            }
            Arrays.sort(g);
            return g[g.length / 2];
        } finally {
            Parallel.setThreads(saved);
        }
    }
}
