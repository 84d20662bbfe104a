package nnsh.core.bench;

import java.util.concurrent.TimeUnit;
import nnsh.core.Gemm;
import nnsh.core.Parallel;
import nnsh.core.Rng;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * GEMM throughput. Scores are milliseconds per product; GFLOPS = 2*m*n*k / (ms * 1e6):
 * 2048^3 is 17.18 GFLOP, each layer product (1024 examples, 784 in, 1000 out) 1.606 GFLOP,
 * the 256^3 reference 0.0336 GFLOP. {@code threads} is Parallel.setThreads (0 = all processors).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx2g"})
@State(Scope.Benchmark)
public class GemmBenchmark {
    @Param({"0"})
    public int threads;

    static final int N = 2048, SMALL = 256;
    static final int EX = 1024, IN = 784, OUT = 1000;

    double[] a, b, c;           // N x N
    double[] sa, sb, sc;        // SMALL x SMALL
    double[] act, w, z, dz, dw, da;

    static double[] rand(Rng r, int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) x[i] = r.nextDouble() - 0.5;
        return x;
    }

    @Setup(Level.Trial)
    public void setUp() {
        Parallel.setThreads(threads > 0 ? threads : Runtime.getRuntime().availableProcessors());
        Rng r = new Rng(1);
        a = rand(r, N * N);
        b = rand(r, N * N);
        c = new double[N * N];
        sa = rand(r, SMALL * SMALL);
        sb = rand(r, SMALL * SMALL);
        sc = new double[SMALL * SMALL];
        act = rand(r, EX * IN);     // activations, examples x features
        w = rand(r, OUT * IN);      // weights, out x in
        z = new double[EX * OUT];
        dz = rand(r, EX * OUT);
        dw = new double[OUT * IN];
        da = new double[EX * IN];
    }

    @Benchmark
    public double[] gemm2048() {
        Gemm.gemm(false, false, N, N, N, 1.0, a, 0, N, b, 0, N, 0.0, c, 0, N);
        return c;
    }

    @Benchmark
    public double[] gemm256() {
        Gemm.gemm(false, false, SMALL, SMALL, SMALL, 1.0, sa, 0, SMALL, sb, 0, SMALL, 0.0, sc, 0, SMALL);
        return sc;
    }

    /** The triple loop, on 256^3 (2048^3 would take minutes). */
    @Benchmark
    public double[] reference256() {
        Gemm.reference(false, false, SMALL, SMALL, SMALL, 1.0, sa, 0, SMALL, sb, 0, SMALL, 0.0, sc, 0, SMALL);
        return sc;
    }

    /** Forward: Z = A W^T (NT), 1024 x 1000, k = 784. */
    @Benchmark
    public double[] layerForwardNT() {
        Gemm.gemm(false, true, EX, OUT, IN, 1.0, act, 0, IN, w, 0, IN, 0.0, z, 0, OUT);
        return z;
    }

    /** Weight gradient: dW = dZ^T A (TN), 1000 x 784, k = 1024. */
    @Benchmark
    public double[] layerWeightGradTN() {
        Gemm.gemm(true, false, OUT, IN, EX, 1.0, dz, 0, OUT, act, 0, IN, 0.0, dw, 0, IN);
        return dw;
    }

    /** Input gradient: dA = dZ W (NN), 1024 x 784, k = 1000. */
    @Benchmark
    public double[] layerInputGradNN() {
        Gemm.gemm(false, false, EX, IN, OUT, 1.0, dz, 0, OUT, w, 0, IN, 0.0, da, 0, IN);
        return da;
    }
}
