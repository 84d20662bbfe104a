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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The products of W1 (784-10-10) as the training pass makes them, one thread: per block of 64 examples
 * the first layer's forward (NT 64 x 10 x 784) and weight gradient (TN 10 x 784 x 64, added into the
 * partition's buffer), and the 10 x 10 layer's forward (NT 64 x 10 x 10). {@code *Block} repeats one block
 * (in cache); {@code *Pass} walks 41,000 rows, as an iteration does, so memory shows. Scores are
 * microseconds; GFLOPS = 2 m n k / (us * 1e3): a block's first-layer product is 1.0 MFLOP, a pass 643 MFLOP.
 * <pre>make jmh JMH_ARGS='SkinnyBenchmark'</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx2g"})
@State(Scope.Benchmark)
public class SkinnyBenchmark {
    static final int M = 41_000, IN = 784, UNITS = 10, BLOCK = 64;

    double[] x, w1, w2, z1, z2, dz1, dw1, a1;

    @Setup(Level.Trial)
    public void setUp() {
        Parallel.setThreads(1);
        Rng r = new Rng(3);
        x = new double[M * IN];
        // MNIST-like rows: about 80% zeros, the rest in (0, 1]
        for (int i = 0; i < x.length; i++) x[i] = r.nextDouble() < 0.8 ? 0.0 : r.nextDouble();
        w1 = GemmBenchmark.rand(r, UNITS * IN);
        w2 = GemmBenchmark.rand(r, UNITS * UNITS);
        z1 = new double[BLOCK * UNITS];
        z2 = new double[BLOCK * UNITS];
        a1 = GemmBenchmark.rand(r, BLOCK * UNITS);
        dz1 = GemmBenchmark.rand(r, BLOCK * UNITS);
        dw1 = new double[UNITS * IN];
    }

    @Benchmark
    public double[] forwardBlock() {
        Gemm.gemm(false, true, BLOCK, UNITS, IN, 1.0, x, 0, IN, w1, 0, IN, 0.0, z1, 0, UNITS);
        return z1;
    }

    @Benchmark
    public double[] gradientBlock() {
        Gemm.gemm(true, false, UNITS, IN, BLOCK, 1.0, dz1, 0, UNITS, x, 0, IN, 1.0, dw1, 0, IN);
        return dw1;
    }

    @Benchmark
    public double[] tinyLayerBlock() {
        Gemm.gemm(false, true, BLOCK, UNITS, UNITS, 1.0, a1, 0, UNITS, w2, 0, UNITS, 0.0, z2, 0, UNITS);
        return z2;
    }

    @Benchmark
    public double[] forwardPass() {
        for (int s = 0; s + BLOCK <= M; s += BLOCK) {
            Gemm.gemm(false, true, BLOCK, UNITS, IN, 1.0, x, s * IN, IN, w1, 0, IN, 0.0, z1, 0, UNITS);
        }
        return z1;
    }

    @Benchmark
    public double[] forwardAndGradientPass() {
        for (int s = 0; s + BLOCK <= M; s += BLOCK) {
            Gemm.gemm(false, true, BLOCK, UNITS, IN, 1.0, x, s * IN, IN, w1, 0, IN, 0.0, z1, 0, UNITS);
            Gemm.gemm(true, false, UNITS, IN, BLOCK, 1.0, dz1, 0, UNITS, x, s * IN, IN, 1.0, dw1, 0, IN);
        }
        return dw1;
    }
}
