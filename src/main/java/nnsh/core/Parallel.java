package nnsh.core;

import java.util.function.IntConsumer;

/**
 * A fixed pool of daemon threads shared by the kernels ({@link TaskPool}: no allocation per call).
 * {@link #forEach} hands out task indices dynamically; the calling thread takes part, so
 * {@code threads() == n} means n threads in all.
 * Kernels must make their results independent of which thread runs which task (GEMM does: every
 * element of C is computed by one task, with a summation order that depends only on the shape).
 */
public final class Parallel {
    private Parallel() {}

    private static volatile int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
    private static TaskPool pool;      // guarded by Parallel.class

    private static final ThreadLocal<Boolean> IN_WORKER = ThreadLocal.withInitial(() -> Boolean.FALSE);

    /** Number of threads kernels may use (the caller included). Default: available processors. */
    public static int threads() {
        return threads;
    }

    /** Whether {@link #forEach} can run tasks on more than one thread here: threads() > 1, outside a worker. */
    public static boolean maySplit() {
        return threads > 1 && !IN_WORKER.get();
    }

    /** Sets the thread count (at least 1). Takes effect for the next kernel call. */
    public static synchronized void setThreads(int n) {
        if (n < 1) throw new IllegalArgumentException("threads must be >= 1, got " + n);
        threads = n;
    }

    private static synchronized TaskPool pool(int threads) {
        if (pool == null || pool.threads() != threads) {
            if (pool != null) pool.close();
            pool = new TaskPool(threads, "nnsh-kernel");
        }
        return pool;
    }

    /**
     * Switches kernel parallelism off on this thread until {@link #endSerial}: kernels called meanwhile run
     * on this thread alone. For callers that already split work over threads of their own (the training
     * workers). Returns the previous state, to hand to endSerial.
     */
    public static boolean beginSerial() {
        boolean was = IN_WORKER.get();
        if (!was) IN_WORKER.set(Boolean.TRUE);
        return was;
    }

    /** Restores the state {@link #beginSerial} returned. */
    public static void endSerial(boolean was) {
        if (!was) IN_WORKER.set(Boolean.FALSE);
    }

    /**
     * Runs body(0) .. body(tasks - 1), each exactly once, on up to {@link #threads()} threads, and returns
     * when all are done. Called from inside a pool thread it runs serially (no nested parallelism).
     */
    public static void forEach(int tasks, IntConsumer body) {
        if (tasks <= 1 || !maySplit()) {
            for (int i = 0; i < tasks; i++) body.accept(i);
            return;
        }
        pool(threads).run(tasks, body);
    }
}
