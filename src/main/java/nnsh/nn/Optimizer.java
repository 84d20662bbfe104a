package nnsh.nn;

import java.util.List;
import java.util.Locale;
import java.util.function.IntConsumer;

import nnsh.core.Ops;
import nnsh.core.Parallel;

/**
 * Gradient-descent update rules, applied to every W and b after a gradient has been computed.
 * <pre>
 *   gd        W -= lr dW                                  (full batch or mini-batch: the batch size decides)
 *   momentum  v = beta v + (1 - beta) dW;  W -= lr v
 *   rmsprop   s = rho s + (1 - rho) dW^2;  W -= lr dW / (sqrt(s) + eps)
 *   adam      m = b1 m + (1 - b1) dW;  v = b2 v + (1 - b2) dW^2;
 *             W -= lr (m / (1 - b1^t)) / (sqrt(v / (1 - b2^t)) + eps)
 * </pre>
 * Before an update, a caller may ask a dry run whether it would leave everything finite ({@link #stepIsFinite};
 * the trainer does).
 */
public final class Optimizer {
    public enum Kind {
        GD("gd"), MOMENTUM("momentum"), RMSPROP("rmsprop"), ADAM("adam");

        public final String id;

        Kind(String id) {
            this.id = id;
        }

        public static Kind parse(String s) {
            switch (s.toLowerCase(Locale.ROOT)) {
                case "gd": case "sgd": return GD;
                case "momentum": return MOMENTUM;
                case "rmsprop": return RMSPROP;
                case "adam": return ADAM;
                default: throw new IllegalArgumentException("unknown optimizer '" + s
                        + "' (expected gd, sgd, momentum, rmsprop or adam)");
            }
        }
    }

    public final Kind kind;
    public double lr;
    /** Momentum's beta. */
    public double beta = 0.9;
    /** RMSProp's decay. */
    public double rho = 0.9;
    public double beta1 = 0.9;
    public double beta2 = 0.999;
    public double eps = 1e-8;
    /** Number of updates made so far (Adam's t). */
    public long t;

    /** Per parameter array (W1, b1, W2, b2, ...): first and second moment state. */
    private double[][] m;
    private double[][] v;

    // The large array being split over the kernel threads (a dry run or an Adam update), read by the
    // tasks; the tasks themselves are made once so that a step allocates nothing.
    private int jobI;
    private double[] jobW, jobG;
    private double jobC1, jobC2;
    private final IntConsumer finiteTask = this::finiteChunk;
    private final IntConsumer adamTask = this::adamChunk;

    public Optimizer(Kind kind, double lr) {
        this.kind = kind;
        this.lr = lr;
    }

    /** Takes another optimizer's learning rate and constants (not its kind, moments or step count). */
    public void setConstants(Optimizer o) {
        lr = o.lr;
        beta = o.beta;
        rho = o.rho;
        beta1 = o.beta1;
        beta2 = o.beta2;
        eps = o.eps;
    }

    public static double defaultLearningRate(Kind kind) {
        return kind == Kind.GD || kind == Kind.MOMENTUM ? 0.1 : 0.001;
    }

    /** Drops the moment state, as when the network is re-initialized. */
    public void reset() {
        m = null;
        v = null;
        t = 0;
    }

    private void ensureState(List<Dense> layers) {
        int n = layers.size() * 2;
        if (m != null && m.length == n) return;
        m = new double[n][];
        v = new double[n][];
        for (int l = 0; l < layers.size(); l++) {
            Dense d = layers.get(l);
            if (kind != Kind.GD) {
                m[2 * l] = new double[d.w.length];
                m[2 * l + 1] = new double[d.b.length];
            }
            if (kind == Kind.ADAM) {
                v[2 * l] = new double[d.w.length];
                v[2 * l + 1] = new double[d.b.length];
            }
        }
    }

    /** Applies one update from the gradients stored in each layer's dw and db. */
    public void step(List<Dense> layers) {
        ensureState(layers);
        t++;
        double c1 = 1 - Math.pow(beta1, t), c2 = 1 - Math.pow(beta2, t);
        for (int l = 0; l < layers.size(); l++) {
            Dense d = layers.get(l);
            update(2 * l, d.w, d.dw, c1, c2);
            update(2 * l + 1, d.b, d.db, c1, c2);
        }
    }

    /**
     * Whether {@link #step} would leave every parameter and every moment finite: exactly the step's
     * answer (its expressions, or for Adam first a bound that settles the ordinary case; see
     * Ops.adamFinite), and changes nothing. Called first, it lets the caller refuse an update that
     * would overflow and keep the parameters as they are.
     */
    public boolean stepIsFinite(List<Dense> layers) {
        ensureState(layers);
        long t1 = t + 1;
        double c1 = 1 - Math.pow(beta1, t1), c2 = 1 - Math.pow(beta2, t1);
        for (int l = 0; l < layers.size(); l++) {
            Dense d = layers.get(l);
            if (!finite(2 * l, d.w, d.dw, c1, c2) || !finite(2 * l + 1, d.b, d.db, c1, c2)) return false;
        }
        return true;
    }

    private boolean finite(int i, double[] w, double[] g, double c1, double c2) {
        int n = w.length, tasks = tasks(n);
        if (tasks == 1) return finite(i, 0, n, w, g, c1, c2);
        if (chunkFinite.length < tasks) chunkFinite = new boolean[tasks];
        split(tasks, finiteTask, i, w, g, c1, c2);
        for (int t = 0; t < tasks; t++) if (!chunkFinite[t]) return false;
        return true;
    }

    private void finiteChunk(int t) {
        int off = t * CHUNK;
        chunkFinite[t] = finite(jobI, off, Math.min(CHUNK, jobW.length - off), jobW, jobG, jobC1, jobC2);
    }

    /** Per-task answers of a dry run split over the kernel threads. */
    private boolean[] chunkFinite = new boolean[0];

    private boolean finite(int i, int off, int n, double[] w, double[] g, double c1, double c2) {
        switch (kind) {
            case GD: return Ops.sgdFinite(off, n, lr, w, g);
            case MOMENTUM: return Ops.momentumFinite(off, n, lr, beta, w, g, m[i]);
            case RMSPROP: return Ops.rmspropFinite(off, n, lr, rho, eps, w, g, m[i]);
            case ADAM: return Ops.adamFinite(off, n, lr, beta1, beta2, eps, c1, c2, w, g, m[i], v[i]);
            default: throw new AssertionError(kind);
        }
    }

    private void update(int i, double[] w, double[] g, double c1, double c2) {
        switch (kind) {
            case GD: Ops.sgdUpdate(w.length, lr, w, g); break;
            case MOMENTUM: Ops.momentumUpdate(w.length, lr, beta, w, g, m[i]); break;
            case RMSPROP: Ops.rmspropUpdate(w.length, lr, rho, eps, w, g, m[i]); break;
            case ADAM: adam(i, w, g, c1, c2); break;
            default: throw new AssertionError(kind);
        }
    }

    /** Elements per task of a large dry run or Adam update (the work is split over the kernel threads). */
    private static final int CHUNK = 1 << 15;

    /** Tasks of CHUNK elements for an array of n: 1 (the whole array here) when small or on one thread. */
    private static int tasks(int n) {
        return n < 2 * CHUNK || Parallel.threads() == 1 ? 1 : (n + CHUNK - 1) / CHUNK;
    }

    private void adam(int i, double[] w, double[] g, double c1, double c2) {
        int n = w.length, tasks = tasks(n);
        if (tasks == 1) {
            Ops.adamUpdate(n, lr, beta1, beta2, eps, c1, c2, w, g, m[i], v[i]);
            return;
        }
        split(tasks, adamTask, i, w, g, c1, c2);
    }

    private void adamChunk(int t) {
        int off = t * CHUNK;
        Ops.adamUpdate(off, Math.min(CHUNK, jobW.length - off), lr, beta1, beta2, eps, jobC1, jobC2, jobW, jobG, m[jobI], v[jobI]);
    }

    /** Runs task 0 .. tasks - 1 over the kernel threads on parameter array i (w, its gradient g). */
    private void split(int tasks, IntConsumer task, int i, double[] w, double[] g, double c1, double c2) {
        jobI = i;
        jobW = w;
        jobG = g;
        jobC1 = c1;
        jobC2 = c2;
        try {
            Parallel.forEach(tasks, task);
        } finally {
            jobW = null;
            jobG = null;
        }
    }

    /** State arrays for saving: first moments (momentum, rmsprop's s, adam's m) or null. */
    public double[][] firstMoments() {
        return m;
    }

    public double[][] secondMoments() {
        return v;
    }

    public void setState(double[][] first, double[][] second, long t) {
        this.m = first;
        this.v = second;
        this.t = t;
    }

    public String describe() {
        switch (kind) {
            case GD: return String.format(Locale.ROOT, "gd lr=%s", fmt(lr));
            case MOMENTUM: return String.format(Locale.ROOT, "momentum lr=%s beta=%s", fmt(lr), fmt(beta));
            case RMSPROP: return String.format(Locale.ROOT, "rmsprop lr=%s rho=%s eps=%s", fmt(lr), fmt(rho), fmt(eps));
            case ADAM: return String.format(Locale.ROOT, "adam lr=%s beta1=%s beta2=%s eps=%s",
                    fmt(lr), fmt(beta1), fmt(beta2), fmt(eps));
            default: throw new AssertionError(kind);
        }
    }

    /** Shortest exact decimal: 0.1, 0.001, 1e-8, 10. */
    public static String fmt(double x) {
        if (!Double.isFinite(x)) return Double.toString(x);
        return java.math.BigDecimal.valueOf(x).stripTrailingZeros().toString().replace("E", "e").replace("e+", "e");
    }
}
