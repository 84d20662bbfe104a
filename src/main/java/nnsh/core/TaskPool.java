package nnsh.core;

import java.util.function.IntConsumer;

/**
 * A fixed set of threads running numbered tasks: {@code threads - 1} daemon threads plus the caller.
 * {@link #run} allocates nothing, so the training loop and the kernels can call it per batch or per
 * product. Tasks run with kernel parallelism switched off ({@link Parallel#beginSerial}): a kernel called
 * from a task stays on that task's thread.
 *
 * <p>One job at a time: a caller that finds the pool busy (another thread's job) runs its tasks itself.
 * Callers must make their results independent of which thread runs which task.
 */
public final class TaskPool implements AutoCloseable {
    private final int threads;
    private final Thread[] pool;
    private final Object busy = new Object();
    private boolean running;   // guarded by busy

    // The current job, guarded by this: its task, size, next index, tasks not yet finished, first failure.
    private IntConsumer task;
    private int size;
    private int next;
    private int pending;
    private Throwable error;
    private boolean closed;

    public TaskPool(int threads, String name) {
        if (threads < 1) throw new IllegalArgumentException("threads must be at least 1");
        this.threads = threads;
        this.pool = new Thread[threads - 1];
        for (int i = 0; i < pool.length; i++) {
            Thread t = new Thread(this::loop, name + "-" + (i + 1));
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
        boolean mine = false;
        if (pool.length > 0 && n > 1) {
            synchronized (busy) {
                if (!running) {
                    running = true;
                    mine = true;
                }
            }
        }
        if (!mine) {
            runHere(n, task);
            return;
        }
        try {
            runShared(n, task);
        } finally {
            synchronized (busy) {
                running = false;
            }
        }
    }

    /** The whole job on the calling thread, with the kernels' own parallelism off meanwhile. */
    private static void runHere(int n, IntConsumer task) {
        boolean was = Parallel.beginSerial();
        try {
            for (int i = 0; i < n; i++) task.accept(i);
        } finally {
            Parallel.endSerial(was);
        }
    }

    private void runShared(int n, IntConsumer task) {
        synchronized (this) {
            if (closed) {   // closed meanwhile (the thread count changed): the caller runs the job alone
                runHere(n, task);
                return;
            }
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
                        // only close() ends a pool thread
                    }
                }
                if (closed) return;
            }
            work();
        }
    }

    /** Ends the pool's threads once they are idle. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            notifyAll();
        }
    }
}
