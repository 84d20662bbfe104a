package nnsh.core.bench;

import java.util.concurrent.TimeUnit;
import nnsh.core.Parallel;
import nnsh.core.Rng;
import nnsh.core.Sparse;
import nnsh.core.SparseRows;
import nnsh.data.Bundled;
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
 * W1's first layer (784-10-10) on the sparse path, one thread, on the bundled MNIST's first 41,000
 * images: per block of 64 rows, loading them (codes back to doubles), the forward product and the weight
 * gradient into the partition's table. {@code *Block} repeats the first block (in cache); {@code pass}
 * walks the 41,000 rows as an iteration does (load, forward, gradient per block), to set against
 * SkinnyBenchmark's dense {@code forwardAndGradientPass}. Scores are microseconds.
 * <pre>make jmh JMH_ARGS='SparseBenchmark'</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-XX:PerMethodTrapLimit=100000",
        "-XX:ObjectAlignmentInBytes=64", "-Xmx2g"})
@State(Scope.Benchmark)
public class SparseBenchmark {
    static final int M = 41_000, IN = 784, UNITS = 10, BLOCK = 64;

    SparseRows x;
    double[] table, gradient, z, dz;
    final Sparse.Chunk chunk = new Sparse.Chunk();

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        Parallel.setThreads(1);
        double[] pixels = Bundled.mnist(255).train.x;
        x = SparseRows.of(java.util.Arrays.copyOf(pixels, M * IN), M, IN);
        if (x == null || !x.coded()) throw new IllegalStateException("MNIST should have a coded sparse form");
        Rng r = new Rng(3);
        table = new double[Sparse.tableLength(UNITS, IN)];
        Sparse.toTable(GemmBenchmark.rand(r, UNITS * IN), UNITS, IN, table);
        gradient = new double[Sparse.tableLength(UNITS, IN)];
        z = new double[BLOCK * UNITS];
        dz = GemmBenchmark.rand(r, BLOCK * UNITS);
        Sparse.load(x, null, 0, BLOCK, chunk);
    }

    @Benchmark
    public Sparse.Chunk loadBlock() {
        Sparse.load(x, null, 0, BLOCK, chunk);
        return chunk;
    }

    @Benchmark
    public double[] forwardBlock() {
        Sparse.productRows(chunk, table, UNITS, IN, z);
        return z;
    }

    @Benchmark
    public double[] gradientBlock() {
        Sparse.addTnRows(chunk, dz, UNITS, IN, gradient);
        return gradient;
    }

    @Benchmark
    public double[] pass() {
        for (int s = 0; s < M; s += BLOCK) {
            Sparse.load(x, null, s, Math.min(BLOCK, M - s), chunk);
            Sparse.productRows(chunk, table, UNITS, IN, z);
            Sparse.addTnRows(chunk, dz, UNITS, IN, gradient);
        }
        return gradient;
    }
}
