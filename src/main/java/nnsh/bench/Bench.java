package nnsh.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import nnsh.core.Backend;
import nnsh.core.GemmBench;
import nnsh.core.Parallel;
import nnsh.core.Rng;
import nnsh.data.Bundled;
import nnsh.data.Dataset;
import nnsh.nn.Activation;
import nnsh.nn.Init;
import nnsh.nn.Loss;
import nnsh.nn.Network;
import nnsh.nn.Optimizer;
import nnsh.nn.Trainer;
import nnsh.nn.Workers;

/**
 * The workloads of the speed issue, on the bundled MNIST, one line each on standard output:
 *
 * <pre>
 * bench W1 &lt;ms&gt; ms/iteration    784-10-10, full-batch GD on 41,000 images, median of timed iterations
 * bench W2 &lt;s&gt; s/epoch          784-1000-10, Adam, batches of 1,024, one epoch of 60,000 (median of epochs)
 * bench gemm &lt;GFLOPS&gt; GFLOPS     2048^3 product, all threads
 * bench stream &lt;ms&gt; ms           reading W1's 41,000 x 784 doubles once, all threads: the memory
 *                                  floor under W1 in the same minute (not run unless named)
 * </pre>
 *
 * Arguments: any of W1, W2, gemm, stream (default: W1, W2, gemm), {@code --threads N}, {@code --numpy} (then also runs
 * bench/numpy_reference.py on the same workloads right after and prints the ratios), {@code --epochs N}
 * (timed W2 epochs, default 3). The backend line goes to standard error.
 */
public final class Bench {
    private Bench() {}

    public static void main(String[] args) throws Exception {
        java.util.List<String> which = new java.util.ArrayList<>();
        boolean numpy = false;
        int threads = Runtime.getRuntime().availableProcessors();
        int epochs = 3;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--numpy": numpy = true; break;
                case "--threads": threads = count(args, ++i, "--threads"); break;
                case "--epochs": epochs = count(args, ++i, "--epochs"); break;
                case "W1": case "W2": case "gemm": case "stream": which.add(args[i]); break;
                default: usage("unknown argument '" + args[i] + "'");
            }
        }
        if (which.isEmpty()) which = Arrays.asList("W1", "W2", "gemm");
        Parallel.setThreads(threads);
        System.err.println("backend: " + Backend.describe());
        Map<String, Double> ours = new LinkedHashMap<>();
        Bundled.Pair mnist = which.contains("W1") || which.contains("W2") || which.contains("stream") ? Bundled.mnist(255) : null;
        for (String w : which) {
            switch (w) {
                case "W1": {
                    double ms = w1(mnist.train, threads, 15);
                    ours.put(w, ms);
                    System.out.printf(Locale.ROOT, "bench W1 %.1f ms/iteration%n", ms);
                    break;
                }
                case "W2": {
                    double s = w2(mnist.train, threads, epochs);
                    ours.put(w, s);
                    System.out.printf(Locale.ROOT, "bench W2 %.2f s/epoch%n", s);
                    break;
                }
                case "stream": {
                    double ms = stream(mnist.train, threads, 15);
                    System.out.printf(Locale.ROOT, "bench stream %.1f ms%n", ms);
                    break;
                }
                case "gemm": {
                    double g = GemmBench.gflops(2048, 5, threads);
                    ours.put(w, g);
                    System.out.printf(Locale.ROOT, "bench gemm %.1f GFLOPS%n", g);
                    break;
                }
                default: throw new AssertionError(w);
            }
            System.out.flush();
        }
        if (numpy) numpyRatios(ours);
    }

    private static int count(String[] args, int i, String option) {
        if (i >= args.length) usage(option + " needs a number");
        try {
            int v = Integer.parseInt(args[i]);
            if (v >= 1) return v;
        } catch (NumberFormatException e) {
            // worded below
        }
        usage(option + " takes a whole number of at least 1, not '" + args[i] + "'");
        return 0;
    }

    private static void usage(String what) {
        System.err.println("bench: " + what + " (expected: [W1] [W2] [gemm] [stream] [--threads N] [--epochs N] [--numpy])");
        System.exit(2);
    }

    /**
     * W1's examples, as in scripts/two-layer.nnsh: Kaggle's 42,000 less 1,000 held out as dev. stream
     * reads the same rows, so that it is W1's memory floor.
     */
    static final int W1_EXAMPLES = 41_000;

    /** Median milliseconds of one full-batch GD iteration of 784-10-10 on the first 41,000 images, warmed up. */
    public static double w1(Dataset train, int threads, int runs) {
        int m = W1_EXAMPLES;
        Network net = Network.build(new int[] {784, 10, 10}, new Activation[] {Activation.RELU}, Activation.SOFTMAX,
                Loss.CROSS_ENTROPY);
        net.initialize(Init.UNIFORM, new Rng(1));
        Trainer t = new Trainer(net, new Optimizer(Optimizer.Kind.GD, 0.1), 1);
        t.setData(train.x, train.y, m);
        t.setBatchSize(0);
        try (Workers w = new Workers(threads)) {
            // The first step alone takes about a second (the sparse form of x, the first compilations), so
            // the warm-up clock starts after it: 40 steps and 2 s more. Counted from the start, a 1 s
            // warm-up left 5 steps and timed code the JIT was still compiling: 26-33 ms, against 18-19 ms
            // from step 20 on (2 threads), 35 ms on one.
            t.step(w);
            long warmUntil = System.nanoTime() + 2_000_000_000L;
            for (int i = 0; i < 40 || System.nanoTime() < warmUntil; i++) t.step(w);
            double[] ms = new double[runs];
            for (int r = 0; r < runs; r++) {
                long t0 = System.nanoTime();
                t.step(w);
                ms[r] = (System.nanoTime() - t0) / 1e6;
            }
            return median(ms);
        }
    }

    /**
     * Median milliseconds to read the first 41,000 rows of the training matrix once (a vectorized sum of
     * squares, split in equal parts over the threads): what W1 costs at the least if every iteration
     * streams its doubles from memory once.
     */
    public static double stream(Dataset train, int threads, int runs) {
        int n = W1_EXAMPLES * train.features;
        double[] x = train.x;
        double[] part = new double[threads];
        try (Workers w = new Workers(threads)) {
            java.util.function.IntConsumer task = t -> {
                int from = (int) ((long) n * t / threads), to = (int) ((long) n * (t + 1) / threads);
                part[t] = nnsh.core.Ops.sumSquares(to - from, x, from);
            };
            double[] ms = new double[runs];
            for (int r = -5; r < runs; r++) {
                long t0 = System.nanoTime();
                w.run(threads, task);
                if (r >= 0) ms[r] = (System.nanoTime() - t0) / 1e6;
            }
            double sink = 0;
            for (double p : part) sink += p;
            if (Double.isNaN(sink)) System.err.println("stream: NaN in the data");
            return median(ms);
        }
    }

    /** Median seconds of one epoch of 784-1000-10, Adam, batches of 1,024, over all 60,000 images. */
    public static double w2(Dataset train, int threads, int epochs) {
        Network net = Network.build(new int[] {784, 1000, 10}, new Activation[] {Activation.RELU}, Activation.SOFTMAX,
                Loss.CROSS_ENTROPY);
        net.initialize(Init.GLOROT, new Rng(1));
        Trainer t = new Trainer(net, new Optimizer(Optimizer.Kind.ADAM, 0.001), 1);
        t.setData(train.x, train.y, train.n);
        t.setBatchSize(1024);
        int per = t.iterationsPerEpoch();
        try (Workers w = new Workers(threads)) {
            for (int i = 0; i < per; i++) t.step(w);   // warm-up: one epoch, so timed epochs start at an epoch boundary
            double[] s = new double[Math.max(1, epochs)];
            for (int e = 0; e < s.length; e++) {
                long t0 = System.nanoTime();
                for (int i = 0; i < per; i++) t.step(w);
                s[e] = (System.nanoTime() - t0) / 1e9;
            }
            return median(s);
        }
    }

    static double median(double[] v) {
        double[] c = v.clone();
        Arrays.sort(c);
        return c[c.length / 2];
    }

    /**
     * bench/numpy_reference.py in the project's home, the directory holding data/. Absolute first:
     * when no data/mnist is found, dataDir() is the bare relative "data", which has no parent.
     */
    static Path numpyScript() {
        return Bundled.dataDir().toAbsolutePath().getParent().resolve("bench/numpy_reference.py");
    }

    /** Runs bench/numpy_reference.py on the workloads just measured and prints numpy's lines and the ratios. */
    static void numpyRatios(Map<String, Double> ours) throws Exception {
        Path script = numpyScript();
        if (!Files.exists(script)) {
            System.err.println("numpy reference: " + script + " not found");
            return;
        }
        java.util.List<String> cmd = new java.util.ArrayList<>(Arrays.asList("python3", script.toString()));
        cmd.addAll(ours.keySet());
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        } catch (java.io.IOException e) {
            System.err.println("numpy reference: cannot run python3 (" + e.getMessage() + ")");
            return;
        }
        Map<String, Double> theirs = new LinkedHashMap<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                System.out.println(line);
                String[] f = line.trim().split("\\s+");
                if (f.length >= 3 && f[0].equals("numpy")) theirs.put(f[1], Double.parseDouble(f[2]));
            }
        }
        if (p.waitFor() != 0) {
            System.err.println("numpy reference: python3 exited with " + p.exitValue() + " (is numpy installed?)");
        }
        for (Map.Entry<String, Double> e : ours.entrySet()) {
            Double np = theirs.get(e.getKey());
            if (np == null) continue;
            // Ratio > 1 means nnsh is faster: time ratio numpy/nnsh, or throughput ratio nnsh/numpy.
            double ratio = e.getKey().equals("gemm") ? e.getValue() / np : np / e.getValue();
            System.out.printf(Locale.ROOT, "ratio %s %.2fx numpy%n", e.getKey(), ratio);
        }
    }

}
