package nnsh.nn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;

import org.junit.jupiter.api.Test;

import nnsh.core.Parallel;
import nnsh.core.Rng;

/**
 * The training loop allocates (almost) nothing once warm: buffers are sized once per network and batch
 * size. Measured over all threads with the JVM's per-thread allocation counters. What is left per
 * iteration is small objects: the step's Result and history entry (~100 bytes, narrow networks), and for
 * wide networks the closures handed to the kernel pool by each parallel section of a product (~6 KB per
 * iteration in all), far from the megabytes a per-block or per-batch buffer would cost.
 */
class AllocationTest {
    static final long NARROW_BOUND = 1024, WIDE_BOUND = 16384;

    static long allocatedByAllThreads() {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (long b : mx.getThreadAllocatedBytes(mx.getAllThreadIds())) if (b > 0) sum += b;
        return sum;
    }

    /**
     * The data: DENSE random values; SPARSE digit-like rows (a fifth inked: a narrow first layer takes the
     * sparse path); FRAMED 28 x 28 digits with a blank border (a wide first layer takes its input compact).
     */
    enum Data { DENSE, SPARSE, FRAMED }

    static long bytesPerIteration(int[] sizes, int m, int batch, int threads, long bound) {
        return bytesPerIteration(sizes, m, batch, threads, bound, Data.DENSE);
    }

    static long bytesPerIteration(int[] sizes, int m, int batch, int threads, long bound, Data kind) {
        Rng data = new Rng(3);
        double[] x;
        int[] y = new int[m];
        if (kind == Data.SPARSE) {
            x = nnsh.data.DigitLike.rows(data, m, sizes[0]);
            if (nnsh.core.SparseRows.cached(x, sizes[0]) == null) throw new AssertionError("not the sparse path");
        } else if (kind == Data.FRAMED) {
            x = Warmup.digits(data, m, 28, y);
        } else {
            x = new double[m * sizes[0]];
            for (int i = 0; i < x.length; i++) x[i] = data.nextDouble();
        }
        for (int i = 0; i < m; i++) y[i] = data.nextInt(10);
        Network net = Network.build(sizes, new Activation[] {Activation.RELU}, Activation.SOFTMAX, Loss.CROSS_ENTROPY);
        net.initialize(Init.GLOROT, new Rng(4));
        Trainer t = new Trainer(net, new Optimizer(Optimizer.Kind.ADAM, 0.001), 5);
        t.setData(x, y, m);
        t.setBatchSize(batch);
        int saved = Parallel.threads();
        Parallel.setThreads(threads);
        try (Workers w = new Workers(threads)) {
            for (int i = 0; i < 600; i++) t.step(w);   // warm: the kernels compiled, the buffers made
            if (kind == Data.FRAMED && net.lastInputColumns() >= sizes[0]) throw new AssertionError("not the compact path");
            // The least of up to 20 rounds: on a busy machine the JIT may compile the loop late, and code
            // not yet compiled allocates what compiled code keeps in registers. A buffer made per
            // iteration would show in every round.
            long best = Long.MAX_VALUE;
            for (int round = 0; round < 20 && best >= bound; round++) {
                int n = 100;
                long before = allocatedByAllThreads();
                for (int i = 0; i < n; i++) t.step(w);
                best = Math.min(best, (allocatedByAllThreads() - before) / n);
            }
            return best;
        } finally {
            Parallel.setThreads(saved);
        }
    }

    @Test
    void narrowNetworkFullBatchAndMiniBatches() {
        for (int batch : new int[] {0, 100}) {
            long b = bytesPerIteration(new int[] {30, 10, 10}, 1500, batch, 2, NARROW_BOUND);
            assertTrue(b < NARROW_BOUND, "narrow, batch " + batch + ": " + b + " bytes per iteration");
        }
    }

    @Test
    void narrowNetworkOnSparseData() {
        for (int batch : new int[] {0, 100}) {
            long b = bytesPerIteration(new int[] {30, 10, 10}, 1500, batch, 2, NARROW_BOUND, Data.SPARSE);
            assertTrue(b < NARROW_BOUND, "narrow, sparse data, batch " + batch + ": " + b + " bytes per iteration");
        }
    }

    @Test
    void wideNetwork() {
        long b = bytesPerIteration(new int[] {30, Network.WIDE + 20, 10}, 1000, 200, 2, WIDE_BOUND);
        assertTrue(b < WIDE_BOUND, "wide: " + b + " bytes per iteration");
    }

    /** The compact first layer (W2's path on MNIST): the chosen columns, gathers and scatters reuse their buffers. */
    @Test
    void wideNetworkOnFramedDigits() {
        long b = bytesPerIteration(new int[] {784, Network.WIDE + 20, 10}, 1000, 200, 2, WIDE_BOUND, Data.FRAMED);
        assertTrue(b < WIDE_BOUND, "wide, framed digits: " + b + " bytes per iteration");
    }
}
