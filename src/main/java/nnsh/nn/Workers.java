package nnsh.nn;

import java.util.function.IntConsumer;

import nnsh.core.Parallel;

/**
 * Runs numbered tasks 0..n-1 on a fixed set of threads: {@code threads - 1} daemon threads plus the
 * caller. Which thread runs which task does not matter to the result: every task writes only its own
 * partition's buffers.
 *
 * <p>Tasks run with {@link Parallel#beginSerial} in effect, so the kernels they call do not start a
 * second level of threads under these (2 workers each splitting a product over the 2-thread kernel
 * pool would only fight for the same cores). A call to {@link #run} allocates nothing: the training
 * loop calls it once per batch.
 */
public final class Workers implements AutoCloseable {
    private final int threads;
    private final Thread[] pool;

    // The current job, guarded by this: its task, size, next index, tasks not yet finished, first failure.
    private IntConsumer task;
    private int size;
    private int next;
    private int pending;
    private Throwable error;
    private boolean closed;

    public Workers(int threads) {
        if (threads < 1) throw new IllegalArgumentException("threads must be at least 1");
        this.threads = threads;
        this.pool = new Thread[threads - 1];
        for (int i = 0; i < pool.length; i++) {
            Thread t = new Thread(this::loop, "nnsh-worker-" + (i + 1));
            t.setDaemon(true);
            pool[i] = t;
            t.start();
        }
    }

    public int threads() {
        return threads;
    }

    /** Runs task(0) .. task(n - 1), each once, and returns when all are done (rethrowing the first failure). */
    public void run(int n, IntConsumer task) {
        if (n <= 0) return;
        if (pool.length == 0 || n == 1) {
            boolean was = Parallel.beginSerial();
            try {
                for (int i = 0; i < n; i++) task.accept(i);
            } finally {
                Parallel.endSerial(was);
            }
            return;
        }
        synchronized (this) {
            if (closed) throw new IllegalStateException("workers closed");
            this.task = task;
            this.size = n;
            this.next = 0;
            this.pending = n;
            this.error = null;
            notifyAll();
        }
        boolean was = Parallel.beginSerial();
        try {
            work();
        } finally {
            Parallel.endSerial(was);
        }
        Throwable err;
        boolean interrupted = false;
        synchronized (this) {
            while (pending > 0) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    interrupted = true;   // tasks cannot be abandoned half-way: finish, then re-flag
                }
            }
            err = error;
            this.task = null;
            error = null;
        }
        if (interrupted) Thread.currentThread().interrupt();
        if (err instanceof RuntimeException) throw (RuntimeException) err;
        if (err instanceof Error) throw (Error) err;
        if (err != null) throw new RuntimeException(err);
    }

    /** Takes tasks of the current job until none are left. */
    private void work() {
        while (true) {
            IntConsumer t;
            int i;
            synchronized (this) {
                if (task == null || next >= size) return;
                t = task;
                i = next++;
            }
            Throwable failure = null;
            try {
                t.accept(i);
            } catch (Throwable e) {
                failure = e;
            }
            synchronized (this) {
                if (failure != null && error == null) error = failure;
                if (--pending == 0) notifyAll();
            }
        }
    }

    private void loop() {
        Parallel.beginSerial();
        while (true) {
            synchronized (this) {
                while (!closed && (task == null || next >= size)) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        // only close() ends a worker
                    }
                }
                if (closed) return;
            }
            work();
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            notifyAll();
        }
    }
}
