package nnsh.nn;

import java.util.function.IntConsumer;

import nnsh.core.TaskPool;

/**
 * Runs numbered tasks 0..n-1 on a fixed set of threads ({@code threads - 1} plus the caller). Which thread
 * runs which task does not matter to the result: every task writes only its own partition's buffers.
 *
 * <p>Tasks run with the kernels' own thread pool switched off, so the products they call do not start a
 * second level of threads under these (two workers each splitting a product over the 2-thread kernel pool
 * would only fight for the same cores). A call to {@link #run} allocates nothing: the training loop calls
 * it once or twice per batch.
 */
public final class Workers implements AutoCloseable {
    private final TaskPool pool;

    public Workers(int threads) {
        if (threads < 1) throw new IllegalArgumentException("threads must be at least 1");
        this.pool = new TaskPool(threads, "nnsh-worker");
    }

    public int threads() {
        return pool.threads();
    }

    /** Runs task(0) .. task(n - 1), each once, and returns when all are done (rethrowing the first failure). */
    public void run(int n, IntConsumer task) {
        pool.run(n, task);
    }

    @Override
    public void close() {
        pool.close();
    }
}
