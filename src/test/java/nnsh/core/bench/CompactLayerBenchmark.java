package nnsh.core.bench;

import java.util.concurrent.TimeUnit;
import nnsh.core.ColumnSubset;
import nnsh.core.Gemm;
import nnsh.core.NonzeroColumns;
import nnsh.core.Parallel;
import nnsh.core.Rng;
import nnsh.data.Bundled;
import nnsh.data.Dataset;
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
 * W2's first-layer products (784 -> 1000, a batch of 1,024 MNIST digits) three ways: on the whole input
 * ({@code *Whole}: 784 columns), on the batch's nonzero columns ({@code *Compact}: about 611, in pixel
 * order, rows in batch order), and as W2 trains ({@code *Skipping}: the nonzero columns by 4 x 4 patches,
 * the rows by label and ink, through {@link Gemm#gemmSkippingZeros}). Forward Z = X W^T, gradient
 * dW = dZ^T X. Scores are milliseconds per product; {@code threads} is Parallel.setThreads (0: all).
 * <pre>make jmh JMH_ARGS='CompactLayerBenchmark'</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-XX:PerMethodTrapLimit=100000",
        "-XX:ObjectAlignmentInBytes=64", "-Xmx2g"})
@State(Scope.Benchmark)
public class CompactLayerBenchmark {
    @Param({"0"})
    public int threads;

    static final int EX = 1024, IN = 784, OUT = 1000;

    double[] whole, plain, ordered, w, wPlain, wOrdered, z, dz, dw;
    int k;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        Parallel.setThreads(threads > 0 ? threads : Runtime.getRuntime().availableProcessors());
        Dataset train = Bundled.mnist(255).train;
        Rng r = new Rng(1);
        int[] batch = new int[EX];
        for (int i = 0; i < EX; i++) batch[i] = r.nextInt(train.n);
        // by label, then by ink: what the network's compact batches do (two stable sorts, ink first)
        NonzeroColumns nz = NonzeroColumns.of(train.x, train.n, IN);
        Integer[] sorted = new Integer[EX];
        for (int i = 0; i < EX; i++) sorted[i] = batch[i];
        java.util.Arrays.sort(sorted, (p, q) -> train.y[p] != train.y[q] ? train.y[p] - train.y[q] : nz.count(p) - nz.count(q));
        int[] byLabel = new int[EX];
        for (int i = 0; i < EX; i++) byLabel[i] = sorted[i];

        whole = new double[EX * IN];
        for (int i = 0; i < EX; i++) System.arraycopy(train.x, batch[i] * IN, whole, i * IN, IN);
        w = GemmBenchmark.rand(r, OUT * IN);
        ColumnSubset inPixelOrder = new ColumnSubset(IN), byPatch = new ColumnSubset(IN, ColumnSubset.patchOrder(28, 4));
        k = inPixelOrder.selectNonzero(nz, batch, 0, EX);
        if (byPatch.selectNonzero(nz, batch, 0, EX) != k) throw new IllegalStateException("the same columns either way");
        plain = new double[EX * k];
        ordered = new double[EX * k];
        wPlain = new double[OUT * k];
        wOrdered = new double[OUT * k];
        inPixelOrder.gather(EX, train.x, IN, batch, 0, plain, k);
        byPatch.gather(EX, train.x, IN, byLabel, 0, ordered, k);
        inPixelOrder.gather(OUT, w, IN, null, 0, wPlain, k);
        byPatch.gather(OUT, w, IN, null, 0, wOrdered, k);
        z = new double[EX * OUT];
        dz = GemmBenchmark.rand(r, EX * OUT);
        dw = new double[OUT * IN];
    }

    @Benchmark
    public double[] forwardWhole() {
        Gemm.gemm(false, true, EX, OUT, IN, 1.0, whole, 0, IN, w, 0, IN, 0.0, z, 0, OUT);
        return z;
    }

    @Benchmark
    public double[] forwardCompact() {
        Gemm.gemm(false, true, EX, OUT, k, 1.0, plain, 0, k, wPlain, 0, k, 0.0, z, 0, OUT);
        return z;
    }

    @Benchmark
    public double[] forwardSkipping() {
        Gemm.gemmSkippingZeros(true, false, true, EX, OUT, k, 1.0, ordered, 0, k, wOrdered, 0, k, 0.0, z, 0, OUT);
        return z;
    }

    @Benchmark
    public double[] gradientWhole() {
        Gemm.gemm(true, false, OUT, IN, EX, 1.0, dz, 0, OUT, whole, 0, IN, 0.0, dw, 0, IN);
        return dw;
    }

    @Benchmark
    public double[] gradientCompact() {
        Gemm.gemm(true, false, OUT, k, EX, 1.0, dz, 0, OUT, plain, 0, k, 0.0, dw, 0, k);
        return dw;
    }

    @Benchmark
    public double[] gradientSkipping() {
        Gemm.gemmSkippingZeros(false, true, false, OUT, k, EX, 1.0, dz, 0, OUT, ordered, 0, k, 0.0, dw, 0, k);
        return dw;
    }
}
