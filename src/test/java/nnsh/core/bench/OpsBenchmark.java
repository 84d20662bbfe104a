package nnsh.core.bench;

import java.util.concurrent.TimeUnit;
import nnsh.core.Ops;
import nnsh.core.Rng;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Elementwise kernels on a 1024 x 1000 activation block (microseconds per call). */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
@State(Scope.Benchmark)
public class OpsBenchmark {
    static final int ROWS = 1024, COLS = 1000, N = ROWS * COLS;
    double[] z, a, da, dz, w, g, m, v, bias;

    @Setup
    public void setUp() {
        Rng r = new Rng(2);
        z = new double[N];
        da = new double[N];
        for (int i = 0; i < N; i++) {
            z[i] = r.nextDouble() * 8 - 4;
            da[i] = r.nextDouble() - 0.5;
        }
        a = new double[N];
        dz = new double[N];
        w = da.clone();
        g = z.clone();
        m = new double[N];
        v = new double[N];
        bias = new double[COLS];
    }

    @Benchmark
    public double[] relu() {
        Ops.relu(N, z, a);
        return a;
    }

    @Benchmark
    public double[] sigmoid() {
        Ops.sigmoid(N, z, a);
        return a;
    }

    @Benchmark
    public double[] tanh() {
        Ops.tanh(N, z, a);
        return a;
    }

    @Benchmark
    public double[] softmaxRows() {
        Ops.softmaxRows(ROWS, COLS, z, a);
        return a;
    }

    @Benchmark
    public double[] addRowVector() {
        Ops.addRowVector(ROWS, COLS, bias, a, 0);
        return a;
    }

    @Benchmark
    public double dot() {
        return Ops.dot(N, z, 0, da, 0);
    }

    @Benchmark
    public double[] adam() {
        Ops.adamUpdate(N, 1e-3, 0.9, 0.999, 1e-8, 0.1, 0.001, w, g, m, v);
        return w;
    }
}
