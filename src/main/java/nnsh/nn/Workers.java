package nnsh.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;

/**
 * Runs numbered tasks 0..n-1 on a fixed pool of threads. Which thread runs which task does not
 * matter to the result: every task writes only its own partition's buffers.
 */
public final class Workers implements AutoCloseable {
    private final int threads;
    private final ExecutorService pool;

    public Workers(int threads) {
        if (threads < 1) throw new IllegalArgumentException("threads must be at least 1");
        this.threads = threads;
        this.pool = threads == 1 ? null : Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "nnsh-worker");
            t.setDaemon(true);
            return t;
        });
    }

    public int threads() {
        return threads;
    }

    public void run(int n, IntConsumer task) {
        if (pool == null || n == 1) {
            for (int i = 0; i < n; i++) task.accept(i);
            return;
        }
        List<Future<?>> fs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int p = i;
            fs.add(pool.submit(() -> task.accept(p)));
        }
        for (Future<?> f : fs) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RuntimeException("interrupted", e);
            } catch (ExecutionException e) {
                Throwable c = e.getCause();
                if (c instanceof RuntimeException) throw (RuntimeException) c;
                if (c instanceof Error) throw (Error) c;
                throw new RuntimeException(c);
            }
        }
    }

    @Override
    public void close() {
        if (pool != null) pool.shutdownNow();
    }
}
