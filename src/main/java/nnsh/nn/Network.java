package nnsh.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.IntConsumer;

import nnsh.core.ColumnSubset;
import nnsh.core.Gated;
import nnsh.core.Gemm;
import nnsh.core.NonzeroColumns;
import nnsh.core.Ops;
import nnsh.core.Parallel;
import nnsh.core.Rng;
import nnsh.core.SoftmaxHead;
import nnsh.core.Sparse;
import nnsh.core.SparseRows;

/**
 * A stack of dense layers with a loss on the output.
 *
 * <p>The gradient of a batch is the sum over its examples, so the batch is cut into a fixed number
 * of partitions, each worked through in blocks of {@link #BLOCK} examples (forward and backward
 * fused per block, so each example is read from memory once), into that partition's own gradient
 * buffers. The partitions are then added up in a fixed order. The cut does not depend on the
 * number of threads, so neither do the numbers: same seed, same result, on 1 thread or 8.
 *
 * <p>A wide network (a layer of {@link #WIDE} units or more) is compute-bound instead: its gradient
 * takes whole-batch products (see {@link #gradient}), whose summation order depends on the shapes
 * alone; its evaluation keeps the partitions, in blocks of {@link #WIDE_BLOCK}.
 */
public final class Network {
    /** Examples per block: a block of 784 doubles a row stays in cache between forward and backward. */
    public static final int BLOCK = 64;
    /**
     * Examples per block when a layer is {@link #WIDE} or wider (evaluation only: such networks take
     * whole-batch products for gradients): longer runs of the packed kernel per packing of W.
     */
    public static final int WIDE_BLOCK = 256;
    /** A layer this wide (inputs or outputs, not counting the network's input) makes blocks WIDE_BLOCK long. */
    public static final int WIDE = 256;
    /** Partitions of a batch: the unit of parallel work and of the fixed-order reduction. */
    public static final int PARTITIONS = 8;
    /**
     * Rows per pass of a wide network's gradient: the batch (or this much of it at a time) goes through each
     * layer as one product, split over the kernel threads.
     */
    public static final int WIDE_CHUNK = 2048;
    /** Elements per task of the reduction of the partitions' gradients. */
    private static final int REDUCE_CHUNK = 1 << 15;

    private final List<Dense> layers;
    public final Loss loss;
    /** Softmax output with cross-entropy: the softmax's log-sum-exp of each row is the loss's. */
    private final boolean crossEntropyOfSoftmax;
    /** How the weights were first drawn (kept for the record and saved models); null if unknown. */
    public Init init;
    private final Workspace[] workspaces = new Workspace[PARTITIONS];
    /** Rows per block: BLOCK, or WIDE_BLOCK for wide networks. Depends on the shape alone. */
    final int blockRows;
    /** A layer of WIDE units or more: gradients by whole-batch products (see {@link #gradient}). */
    final boolean wide;
    /**
     * A softmax output with cross-entropy on a narrow layer, not wide: its forward, loss and backward go
     * through {@link SoftmaxHead} in one pass per block of a gradient (evaluation keeps the layer-by-layer
     * path). System property nnsh.fusedHead=false turns it off (benchmarks compare the two).
     */
    final boolean fusedHead;
    private static final boolean FUSED_HEAD = nnsh.core.Switch.on("nnsh.fusedHead");
    /**
     * A wide network's gradient takes the first layer on the input columns that hold a nonzero in the chunk
     * ({@link #compactInput}). System property nnsh.compactInput=false turns it off (benchmarks compare the two).
     */
    final boolean compactAllowed;
    private static final boolean COMPACT_INPUT = nnsh.core.Switch.on("nnsh.compactInput");
    /** Each layer's dw and db: where a wide network's whole-batch pass writes its gradient. */
    private final double[][] dws, dbs;
    /** Whole-batch buffers of a wide network, sized for the largest pass so far (up to WIDE_CHUNK rows). */
    private Workspace batchSpace;

    // The pass in progress (gradient or evaluate), read by the partition tasks; the tasks themselves are
    // made once so that a pass allocates nothing.
    private double[] jobX;
    private int[] jobLabels, jobIndex, jobPreds;
    private double[] jobProbs;
    private int jobStart, jobCount, jobParts;
    /**
     * The pass's input in sparse form, or null: mostly-zero data (digits) and a first layer of at most
     * {@link Sparse#narrowMax} units in a network that is not wide. Then the first layer's products visit
     * only the nonzero blocks of the inputs, through table0: W_0 laid out for them ({@link Sparse#toTable}).
     */
    private SparseRows jobSparse;
    private double[] table0;
    private final IntConsumer gradientTask = this::gradientPartition;
    private final IntConsumer evaluateTask = this::evaluatePartition;
    private final IntConsumer reduceTask = this::reduceChunk;
    /** Reduction tasks: task t sums elements [reduceFrom[t], reduceFrom[t] + REDUCE_CHUNK) of layer reduceLayer[t]. */
    private final int[] reduceLayer, reduceFrom;

    public Network(List<Dense> layers, Loss loss) {
        this(layers, loss, true, FUSED_HEAD, COMPACT_INPUT);
    }

    /**
     * wideAllowed false: always the partition/block path; headAllowed false: never the fused head;
     * compactAllowed false: a wide network's first layer always on the whole input (tests compare the paths;
     * networks made on the same layers share their weights and gradients).
     */
    Network(List<Dense> layers, Loss loss, boolean wideAllowed, boolean headAllowed, boolean compactAllowed) {
        if (layers.isEmpty()) throw new IllegalArgumentException("a network needs at least one layer");
        this.layers = Collections.unmodifiableList(new ArrayList<>(layers));
        this.loss = loss;
        crossEntropyOfSoftmax = loss == Loss.CROSS_ENTROPY && outputActivation() == Activation.SOFTMAX;
        boolean wide = false;
        int tasks = 0;
        for (int l = 0; l < this.layers.size(); l++) {
            Dense d = this.layers.get(l);
            if (wideAllowed && (d.out >= WIDE || (l > 0 && d.in >= WIDE))) wide = true;
            tasks += (d.w.length + d.b.length + REDUCE_CHUNK - 1) / REDUCE_CHUNK;
        }
        this.wide = wide;
        this.compactAllowed = compactAllowed;
        blockRows = wide ? WIDE_BLOCK : BLOCK;
        Dense last = this.layers.get(this.layers.size() - 1);
        fusedHead = headAllowed && !wide && crossEntropyOfSoftmax && this.layers.size() >= 2
                && SoftmaxHead.fits(last.in, last.out);
        dws = new double[this.layers.size()][];
        dbs = new double[this.layers.size()][];
        for (int l = 0; l < dws.length; l++) {
            dws[l] = this.layers.get(l).dw;
            dbs[l] = this.layers.get(l).db;
        }
        reduceLayer = new int[tasks];
        reduceFrom = new int[tasks];
        int t = 0;
        for (int l = 0; l < this.layers.size(); l++) {
            Dense d = this.layers.get(l);
            for (int from = 0; from < d.w.length + d.b.length; from += REDUCE_CHUNK, t++) {
                reduceLayer[t] = l;
                reduceFrom[t] = from;
            }
        }
    }

    /** Builds sizes[0]-sizes[1]-...; hidden layers use {@code hidden[l]} (or the last one given). */
    public static Network build(int[] sizes, Activation[] hidden, Activation output, Loss loss) {
        List<Dense> ls = new ArrayList<>();
        for (int l = 1; l < sizes.length; l++) {
            boolean last = l == sizes.length - 1;
            Activation act = last ? output : hidden[Math.min(l - 1, hidden.length - 1)];
            ls.add(new Dense(sizes[l - 1], sizes[l], act));
        }
        return new Network(ls, loss);
    }

    public void initialize(Init init, Rng rng) {
        this.init = init;
        for (Dense d : layers) init.apply(d, rng);
    }

    public List<Dense> layers() {
        return layers;
    }

    public Dense layer(int i) {
        return layers.get(i);
    }

    public int depth() {
        return layers.size();
    }

    public int inputs() {
        return layers.get(0).in;
    }

    public int outputs() {
        return layers.get(layers.size() - 1).out;
    }

    public int[] sizes() {
        int[] s = new int[layers.size() + 1];
        s[0] = inputs();
        for (int l = 0; l < layers.size(); l++) s[l + 1] = layers.get(l).out;
        return s;
    }

    /** "784-10-10". */
    public String spec() {
        StringBuilder sb = new StringBuilder();
        for (int s : sizes()) {
            if (sb.length() > 0) sb.append('-');
            sb.append(s);
        }
        return sb.toString();
    }

    /** "Network 784-10-10 (relu, softmax; loss ce), 7,960 parameters". */
    @Override
    public String toString() {
        Activation hidden = layers.size() > 1 ? layers.get(0).activation : null;
        return "Network " + spec() + " (" + (hidden != null ? hidden.id + ", " : "") + outputActivation().id
                + "; loss " + loss.id + "), " + String.format(java.util.Locale.ROOT, "%,d", parameterCount()) + " parameters";
    }

    public long parameterCount() {
        long n = 0;
        for (Dense d : layers) n += d.parameterCount();
        return n;
    }

    /** Loss and accuracy of one pass over a set of examples. */
    public static final class Result {
        public final double loss;
        public final double accuracy;
        public final int count;
        public final int correct;

        Result(double lossSum, int correct, int count) {
            this.loss = count == 0 ? Double.NaN : lossSum / count;
            this.correct = correct;
            this.count = count;
            this.accuracy = count == 0 ? Double.NaN : (double) correct / count;
        }
    }

    /**
     * Mean loss and its gradient (into each layer's dw and db) over {@code count} examples (partitions
     * of blocks, or whole-batch products for a wide network):
     * row {@code index[start + i]} of x (or row {@code start + i} when index is null).
     * Returns the loss and the accuracy of the parameters as they were before any update.
     * No examples: no loss or accuracy (NaN, as from {@link #evaluate}), and dw, db all 0.
     */
    public Result gradient(double[] x, int[] labels, int[] index, int start, int count, Workers workers) {
        if (count == 0) {
            for (Dense d : layers) {
                java.util.Arrays.fill(d.dw, 0.0);
                java.util.Arrays.fill(d.db, 0.0);
            }
            return new Result(0, 0, 0);
        }
        if (wide) return wideGradient(x, labels, index, start, count);
        int parts = partitions(count);
        setJob(x, labels, index, start, count, parts, null, null);
        try {
            workers.run(parts, gradientTask);
            // Fixed-order reduction over partitions, then divide by m: split over element ranges, each
            // range summed p = 0, 1, .. in order, so the numbers do not depend on who sums which range.
            workers.run(reduceLayer.length, reduceTask);
        } finally {
            clearJob();
        }
        return partsResult(parts, count, true);
    }

    /**
     * The gradient of a wide network: up to WIDE_CHUNK rows at a time go through each layer as one
     * product (Z = A W^T for all of them, then dW = dZ^T A with k = the rows), which the kernels split over
     * their threads with results independent of the thread count. Against per-partition blocks this packs
     * each W once per pass instead of once per block, runs the weight gradient with k = the batch (up to
     * WIDE_CHUNK rows) instead of one block of a partition's share, and needs no per-partition dW buffers
     * (8 x 6.3 MB for 784-1000-10) nor their reduction. When the input has columns that are zero in the
     * whole chunk (the blank border of digits), the first layer runs on the others alone ({@link #compactInput}).
     * The numbers depend on the batch and its order, never on the threads.
     */
    private Result wideGradient(double[] x, int[] labels, int[] index, int start, int count) {
        int n0 = inputs();
        Workspace ws = batchSpace(Math.min(count, WIDE_CHUNK));
        ws.loss = 0;
        ws.correct = 0;
        NonzeroColumns nz = compactAllowed && x != null ? NonzeroColumns.cached(x, n0) : null;
        // With one pass, the compact gradient of layer 0 is divided by m as it is laid out in dW_0.
        double inv = 1.0 / count;
        ws.alpha0 = count <= WIDE_CHUNK ? inv : 1.0;
        boolean scaled0 = false;
        for (int c0 = 0; c0 < count; c0 += WIDE_CHUNK) {
            int rows = Math.min(WIDE_CHUNK, count - c0);
            int s = start + c0;
            double[] in;
            int inOff;
            int[] rowIndex = index;
            int rowStart = s;
            ws.compact = nz != null && compactInput(ws, nz, x, labels, index, s, rows);
            if (ws.compact) {
                in = ws.x;
                inOff = 0;
                scaled0 = ws.alpha0 != 1.0;
                rowIndex = ws.order;   // the chunk's rows as compactInput ordered them
                rowStart = 0;
            } else {
                ws.inCols = 0;
                in = blockInput(ws, x, index, s, rows);
                inOff = index == null ? s * n0 : 0;
            }
            forwardAndLoss(ws, in, inOff, labels, rowIndex, rowStart, rows, null, null, 0);
            backward(ws, in, inOff, rows, dws, dbs, c0 == 0, layers.size() - 1);
        }
        ws.compact = false;
        for (int l = scaled0 ? 1 : 0; l < layers.size(); l++) {
            Dense d = layers.get(l);
            Ops.scale(d.dw.length, inv, d.dw, 0);
            Ops.scale(d.db.length, inv, d.db, 0);
        }
        return new Result(ws.loss, ws.correct, count);
    }

    /**
     * Takes the columns of the input that hold a nonzero in any of these rows (on MNIST about 611 of 784 in a
     * batch of 1,024) when they are at most COMPACT_MAX of all: the rows' values in those columns into ws.x,
     * then a column of ones (rows x (k + 1), k = ws.inCols), and the weights of layer 0 from those inputs into
     * ws.w0, then its bias (out x (k + 1)). Both products of layer 0 then skip the columns that are all zero,
     * and take the bias along: Z = [X 1] [W b]^T adds b as the last term of each sum, as Z += 1 b^T would, and
     * the last column of dZ^T [X 1] is db. False (nothing taken) when too few columns are zero.
     *
     * <p>The rows are taken in the order of ws.order (see {@link #orderRows}), the columns in the subset's order
     * (square images: 4 x 4 patches, {@link ColumnSubset#patchOrder}): both put the zeros where the packed
     * products can skip whole steps ({@link Gemm#gemmSkippingZeros}). Neither changes what is summed, only
     * the order of the sums.
     */
    private boolean compactInput(Workspace ws, NonzeroColumns nz, double[] x, int[] labels, int[] index, int s, int rows) {
        Dense d = layers.get(0);
        ColumnSubset cs = ws.compactSpace(d, outputs());
        int k = cs.selectNonzero(nz, index, s, rows);
        if (k > COMPACT_MAX * d.in) return false;
        ws.inCols = k;
        orderRows(ws, nz, labels, index, s, rows);
        cs.gather(rows, x, d.in, ws.order, 0, ws.x, k + 1);
        cs.gather(d.out, d.w, d.in, null, 0, ws.w0, k + 1);
        for (int r = 0; r < rows; r++) ws.x[r * (k + 1) + k] = 1.0;
        for (int o = 0; o < d.out; o++) ws.w0[o * (k + 1) + k] = d.b[o];
        return true;
    }

    /**
     * ws.order[0 .. rows) = the chunk's rows (index[s + i], or s + i), sorted by label, and by how many inputs are
     * nonzero among rows of one label (two stable counting sorts, ink first; the batch's order when a label is out
     * of range).
     * Digits of one class, with about as much ink, side by side: the 12 rows a packed sliver of the forward takes
     * then leave more inputs blank in all 12 (on MNIST batches of 1,024, 54% of the steps hold ink against 64%).
     */
    private void orderRows(Workspace ws, NonzeroColumns nz, int[] labels, int[] index, int s, int rows) {
        int classes = outputs();
        int[] row = ws.rowId, ink = ws.rowInk, label = ws.rowLabel, byInk = ws.sortA, byLabel = ws.sortB;
        boolean sortable = labels != null;
        for (int i = 0; i < rows; i++) {
            row[i] = index == null ? s + i : index[s + i];
            byLabel[i] = i;
            if (!sortable) continue;
            ink[i] = nz.count(row[i]);
            label[i] = labels[row[i]];
            sortable = label[i] >= 0 && label[i] < classes;
        }
        if (sortable) {
            countingSort(byLabel, rows, ink, nz.cols + 1, ws.sortCounts, byInk);
            countingSort(byInk, rows, label, classes, ws.sortCounts, byLabel);
        }
        for (int i = 0; i < rows; i++) ws.order[i] = row[byLabel[i]];
    }

    /** dst[0 .. n) = src[0 .. n) sorted stably by key[src[i]], keys in [0, buckets); counts holds buckets + 1. */
    private static void countingSort(int[] src, int n, int[] key, int buckets, int[] counts, int[] dst) {
        java.util.Arrays.fill(counts, 0, buckets + 1, 0);
        for (int i = 0; i < n; i++) counts[key[src[i]] + 1]++;
        for (int b = 0; b < buckets; b++) counts[b + 1] += counts[b];
        for (int i = 0; i < n; i++) dst[counts[key[src[i]]]++] = src[i];
    }

    /** Input columns the last chunk of the last wide gradient kept; 0 when it took them all (for tests). */
    int lastInputColumns() {
        return batchSpace == null ? 0 : batchSpace.inCols;
    }

    /** Compact the first layer's inputs when at most this fraction of the columns hold a nonzero. */
    static final double COMPACT_MAX = 0.95;

    /**
     * Takes the sparse form of x for this pass when the data is mostly zeros (see {@link SparseRows#cached}),
     * and lays W_0 out as a table for it; none when x is null.
     */
    private void useSparse(double[] x) {
        Dense d = layers.get(0);
        // A wide network stays dense: for 784-1000-10 (W2) the block forward took as long as the packed
        // product inside W2, and the block gradient over 100 groups longer (see the README's Speed). The
        // width test matters only for networks built with wide layers disallowed (tests): narrowMax is
        // above Network.WIDE.
        jobSparse = x != null && !wide && d.out <= Sparse.narrowMax() ? SparseRows.cached(x, d.in) : null;
        if (jobSparse == null) return;
        int length = Sparse.tableLength(d.out, d.in);
        if (table0 == null || table0.length != length) table0 = new double[length];
        Sparse.toTable(d.w, d.out, d.in, table0);
    }

    /** Rows per task of the element-wise steps of a wide pass. */
    private static final int ROW_CHUNK = 64;

    private synchronized Workspace batchSpace(int rows) {
        if (batchSpace == null || batchSpace.rows < rows) batchSpace = new Workspace(this, rows, false, true);
        return batchSpace;
    }

    private void gradientPartition(int p) {
        Workspace ws = workspace(p);
        ws.loss = 0;
        ws.correct = 0;
        int start = jobStart, count = jobCount, parts = jobParts;
        int from = partStart(start, count, parts, p), to = partStart(start, count, parts, p + 1);
        if (fusedHead) SoftmaxHead.begin(ws.head);
        for (int s = from; s < to; s += blockRows) {
            passBlock(ws, jobX, jobLabels, jobIndex, s, Math.min(blockRows, to - s), true, s == from, null, null, 0);
        }
        // partitions() makes no empty partition
        if (fusedHead) SoftmaxHead.sums(ws.head, ws.gw[layers.size() - 1], ws.gb[layers.size() - 1]);
        if (jobSparse != null) {
            Dense d = layers.get(0);
            Sparse.fromTable(ws.gradTable0(d), d.out, d.in, ws.gw[0]);
        }
    }

    /** dw, db of one layer, elements [from, from + REDUCE_CHUNK) of w then b: sum of the partitions / m. */
    private void reduceChunk(int t) {
        int l = reduceLayer[t], from = reduceFrom[t];
        Dense d = layers.get(l);
        int nw = d.w.length, total = nw + d.b.length;
        int to = Math.min(total, from + REDUCE_CHUNK);
        double inv = 1.0 / jobCount;
        if (from < nw) reduceRange(l, false, d.dw, from, Math.min(to, nw) - from, inv);
        if (to > nw) {
            int bFrom = Math.max(from, nw) - nw;
            reduceRange(l, true, d.db, bFrom, to - nw - bFrom, inv);
        }
    }

    private void reduceRange(int l, boolean bias, double[] dst, int off, int n, double inv) {
        int parts = jobParts;
        System.arraycopy(bias ? workspaces[0].gb[l] : workspaces[0].gw[l], off, dst, off, n);
        for (int p = 1; p < parts; p++) {
            Ops.axpy(n, 1.0, bias ? workspaces[p].gb[l] : workspaces[p].gw[l], off, dst, off);
        }
        Ops.scale(n, inv, dst, off);
    }

    private void setJob(double[] x, int[] labels, int[] index, int start, int count, int parts,
                        int[] preds, double[] probs) {
        jobX = x;
        jobLabels = labels;
        jobIndex = index;
        jobStart = start;
        jobCount = count;
        jobParts = parts;
        jobPreds = preds;
        jobProbs = probs;
        useSparse(x);
    }

    private void clearJob() {
        setJob(null, null, null, 0, 0, 0, null, null);
    }

    /**
     * Forward only: mean loss and accuracy over rows [start, start + count) (through index if not null).
     * If predictions is not null, predictions[i] receives the predicted class of the i-th example;
     * if probabilities is not null it receives count x outputs values.
     */
    public Result evaluate(double[] x, int[] labels, int[] index, int start, int count, Workers workers,
                           int[] predictions, double[] probabilities) {
        if (count == 0) return new Result(0, 0, 0);
        int parts = partitions(count);
        setJob(x, labels, index, start, count, parts, predictions, probabilities);
        try {
            workers.run(parts, evaluateTask);
        } finally {
            clearJob();
        }
        return partsResult(parts, count, labels != null);
    }

    /** Loss and accuracy added up over the partitions, in partition order. */
    private Result partsResult(int parts, int count, boolean labeled) {
        double lossSum = 0;
        int correct = 0;
        for (int p = 0; p < parts; p++) {
            lossSum += workspaces[p].loss;
            correct += workspaces[p].correct;
        }
        return new Result(labeled ? lossSum : Double.NaN, correct, count);
    }

    private void evaluatePartition(int p) {
        Workspace ws = workspace(p);
        ws.loss = 0;
        ws.correct = 0;
        int start = jobStart, count = jobCount, parts = jobParts;
        int from = partStart(start, count, parts, p), to = partStart(start, count, parts, p + 1);
        for (int s = from; s < to; s += blockRows) {
            passBlock(ws, jobX, jobLabels, jobIndex, s, Math.min(blockRows, to - s), false, false,
                    jobPreds, jobProbs, s - start);
        }
    }

    /** Probabilities (outputs) for one example stored at x[off .. off + inputs). */
    public double[] predict(double[] x, int off) {
        Workspace ws = forwardOne(x, off);
        return java.util.Arrays.copyOf(ws.a[layers.size() - 1], outputs());
    }

    /** Activations of every layer for one example: result[l] is A_l (result[0] = the input). */
    public double[][] activations(double[] x, int off) {
        Workspace ws = forwardOne(x, off);
        double[][] acts = new double[layers.size() + 1][];
        acts[0] = java.util.Arrays.copyOfRange(x, off, off + inputs());
        for (int l = 0; l < layers.size(); l++) acts[l + 1] = java.util.Arrays.copyOf(ws.a[l], layers.get(l).out);
        return acts;
    }

    /** Forward through every layer for the one example at x[off ..]: A_l in row 0 of the returned a[l]. */
    private Workspace forwardOne(double[] x, int off) {
        Workspace ws = workspace(0);
        double[] in = x;
        int inOff = off;
        for (int l = 0; l < layers.size(); l++) {
            layers.get(l).forward(1, in, inOff, ws.z[l], ws.a[l], null);
            in = ws.a[l];
            inOff = 0;
        }
        return ws;
    }

    /** The rows of a block: x itself (from row s) when in order, else gathered through index into ws.x. */
    private double[] blockInput(Workspace ws, double[] x, int[] index, int s, int rows) {
        if (index == null) return x;
        int n0 = inputs();
        for (int r = 0; r < rows; r++) System.arraycopy(x, index[s + r] * n0, ws.x, r * n0, n0);
        return ws.x;
    }

    /**
     * Forward (and, when training, backward) through one block of rows examples. The block's gradient
     * overwrites the partition's buffers when first, else is added to them. Predictions and
     * probabilities of the block go to preds[outOff ..] and probs[outOff * outputs ..] when not null.
     */
    private void passBlock(Workspace ws, double[] x, int[] labels, int[] index, int s, int rows,
                           boolean train, boolean first, int[] preds, double[] probs, int outOff) {
        // A sparse pass (never a wide network's: useSparse leaves jobSparse null) reads its rows from jobSparse alone.
        double[] in = jobSparse != null ? null : blockInput(ws, x, index, s, rows);
        if (jobSparse != null) Sparse.load(jobSparse, index, s, rows, ws.chunk);
        int inOff = index == null ? s * inputs() : 0;
        if (train && labels != null && fusedHead) {
            headBlock(ws, in, inOff, labels, index, s, rows, first);
            return;
        }
        forwardAndLoss(ws, in, inOff, labels, index, s, rows, preds, probs, outOff);
        if (train && labels != null) backward(ws, in, inOff, rows, ws.gw, ws.gb, first, layers.size() - 1);
    }

    /**
     * A training block through the fused head: forward to the last hidden layer, the head (the output layer's
     * forward, loss, and its gradient into the partition's running sums, taken out at the partition's end),
     * then backward from the last hidden layer.
     */
    private void headBlock(Workspace ws, double[] in, int inOff, int[] labels, int[] index, int s, int rows,
                           boolean first) {
        int L = layers.size();
        forwardLayers(ws, in, inOff, rows, L - 1, false);
        for (int r = 0; r < rows; r++) ws.y[r] = Loss.label(labels, s, index, r);
        Dense d = layers.get(L - 1), p = layers.get(L - 2);
        // Below a ReLU layer the head writes that layer's dZ itself (dA where A > 0).
        boolean relu = p.activation == Activation.RELU;
        SoftmaxHead.block(ws.head, rows, ws.a[L - 2], 0, ws.y, d.w, d.b, relu ? ws.dz[L - 2] : ws.da[L - 2], relu);
        ws.loss += ws.head.loss;
        ws.correct += ws.head.correct;
        if (!relu) p.activation.backward(rows, p.out, ws.z[L - 2], ws.a[L - 2], ws.da[L - 2], ws.dz[L - 2]);
        backward(ws, in, inOff, rows, ws.gw, ws.gb, first, L - 2);
    }

    /**
     * Forward through every layer (Z_l, A_l into ws) for rows examples whose input is in[inOff ..], inputs()
     * a row (when the pass is sparse: the rows loaded into ws.chunk; when it is compact: [X 1], ws.inCols + 1
     * a row, and index and s only find the labels);
     * counts the right predictions and adds the loss into ws, with dZ of the output layer; writes
     * predictions and probabilities when asked. In a wide network, the bias and an element-wise activation
     * are split over the kernel threads (serial when called from a worker).
     */
    private void forwardAndLoss(Workspace ws, double[] in, int inOff, int[] labels, int[] index, int s, int rows,
                                int[] preds, double[] probs, int outOff) {
        int L = layers.size();
        forwardLayers(ws, in, inOff, rows, L, labels != null);
        int k = outputs();
        double[] out = ws.a[L - 1];
        for (int r = 0; r < rows; r++) {
            int p = Ops.argmax(out, r * k, k);
            if (labels != null && p == Loss.label(labels, s, index, r)) ws.correct++;
            if (preds != null) preds[outOff + r] = p;
        }
        if (probs != null) System.arraycopy(out, 0, probs, outOff * k, rows * k);
        if (labels == null) return;
        ws.loss += loss.lossAndGradient(outputActivation(), rows, k, ws.z[L - 1], out,
                crossEntropyOfSoftmax ? ws.lse : null, labels, s, index, ws.dz[L - 1], ws.da[L - 1]);
    }

    /**
     * Z_l, A_l into ws for layers 0 .. count - 1 (see {@link #forwardAndLoss}); the output layer's softmax
     * also writes each row's log-sum-exp when withLse (a cross-entropy follows).
     */
    private void forwardLayers(Workspace ws, double[] in, int inOff, int rows, int count, boolean withLse) {
        int L = layers.size();
        double[] a = in;
        int aOff = inOff;
        for (int l = 0; l < count; l++) {
            Dense d = layers.get(l);
            // The output's softmax hands its log-sum-exp to the cross-entropy: one exponential per output.
            double[] lse = l == L - 1 && withLse && crossEntropyOfSoftmax ? ws.lse : null;
            boolean withBias = false;   // Z_l holds the bias already
            if (l == 0 && jobSparse != null) {
                Sparse.productRows(ws.chunk, table0, d.out, d.in, ws.z[0]);
            } else if (l == 0 && ws.compact) {   // Z_0 = [X 1] [W_0 b_0]^T over the chunk's nonzero columns alone
                int k1 = ws.inCols + 1;
                Gemm.gemmSkippingZeros(true, false, true, rows, d.out, k1, 1.0, a, aOff, k1, ws.w0, 0, k1, 0.0, ws.z[0], 0, d.out);
                withBias = true;
            } else {
                d.product(rows, a, aOff, ws.z[l]);
            }
            if (wide && d.activation.elementWise()) ws.activation(rows, l, d, !withBias);
            else if (withBias) d.activation.forward(rows, d.out, ws.z[l], ws.a[l], lse);
            else d.biasAndActivation(rows, ws.z[l], ws.a[l], lse);
            a = ws.a[l];
            aOff = 0;
        }
    }

    private Activation outputActivation() {
        return layers.get(layers.size() - 1).activation;
    }

    /**
     * Backward from dZ of layer top (in ws; the output's, or the layer below a fused head): each layer's
     * gradient into gw[l], gb[l] (overwritten when first, else added to), and dZ of the layer below. A sparse
     * pass (its rows loaded in ws.chunk) adds the first layer's weight gradient into the workspace's table
     * instead (emptied when first), for the caller to lay out in gw[0]; a compact pass writes gw[0] and gb[0]
     * from its columns alone, scattered back and multiplied by ws.alpha0.
     */
    private void backward(Workspace ws, double[] in, int inOff, int rows,
                          double[][] gw, double[][] gb, boolean first, int top) {
        for (int l = top; l >= 0; l--) {
            Dense d = layers.get(l);
            if (l == 0 && jobSparse != null) {
                double[] gt = ws.gradTable0(d);
                if (first) java.util.Arrays.fill(gt, 0.0);
                Sparse.addTnRows(ws.chunk, ws.dz[0], d.out, d.in, gt);
                d.biasGradient(rows, ws.dz[0], gb[0], first);
                continue;
            }
            if (l == 0 && ws.compact) {
                // [dW_0 db_0] = dZ^T [X 1]: dW_0 in the nonzero columns, 0 in the others; all times alpha0
                int k = ws.inCols, k1 = k + 1;
                double alpha = ws.alpha0;
                Gemm.gemmSkippingZeros(false, true, false, d.out, k1, rows, 1.0, ws.dz[0], 0, d.out, in, inOff, k1, 0.0, ws.dw0, 0, k1);
                ws.columns.scatter(d.out, ws.dw0, k1, alpha, gw[0], d.in, !first);
                for (int o = 0; o < d.out; o++) gb[0][o] = first ? alpha * ws.dw0[o * k1 + k] : gb[0][o] + alpha * ws.dw0[o * k1 + k];
                continue;
            }
            double[] prev = l == 0 ? in : ws.a[l - 1];
            int prevOff = l == 0 ? inOff : 0;
            Dense p = l == 0 ? null : layers.get(l - 1);
            // A wide ReLU layer under a narrow one (784-1000-10): dZ_prev = (dZ W) * relu'(Z_prev) in one pass.
            boolean gated = wide && p != null && p.activation == Activation.RELU && d.out <= Gated.MAX_K;
            d.backward(rows, prev, prevOff, ws.dz[l], gw[l], gb[l], l == 0 || gated ? null : ws.da[l - 1], first);
            if (gated) {
                Gated.reluGatedProduct(rows, d.in, d.out, ws.dz[l], d.w, ws.z[l - 1], ws.dz[l - 1]);
            } else if (p != null) {
                if (wide && p.activation.elementWise()) ws.activationBackward(rows, l - 1, p);
                else p.activation.backward(rows, p.out, ws.z[l - 1], ws.a[l - 1], ws.da[l - 1], ws.dz[l - 1]);
            }
        }
    }

    private static int partitions(int count) {
        return Math.max(1, Math.min(PARTITIONS, (count + BLOCK - 1) / BLOCK));
    }

    /** First example of partition p when count examples from start are cut into parts. */
    private static int partStart(int start, int count, int parts, int p) {
        return start + (int) ((long) count * p / parts);
    }

    private synchronized Workspace workspace(int p) {
        if (workspaces[p] == null) workspaces[p] = new Workspace(this, blockRows, !wide, !wide);   // wide: evaluate only
        return workspaces[p];
    }

    /**
     * Buffers for one partition (sized once for this network and its block rows), or for a wide network's
     * whole-batch pass. Gradient buffers only where partitions are reduced (not wide); backward buffers
     * (dZ, dA of the hidden layers) only where gradients are computed.
     */
    static final class Workspace {
        final int rows;
        final double[] x;
        final double[][] z, a, dz, da, gw, gb;
        /** Log-sum-exp of each row of the output, from the softmax, for the cross-entropy. */
        final double[] lse;
        double loss;
        int correct;
        /** For sparse passes, made on first use: the first layer's weight gradient as a table ({@link Sparse#toTable}). */
        private double[] gradTable0;
        /** For sparse passes: the block's rows, loaded once for the first layer's forward and gradient. */
        final Sparse.Chunk chunk = new Sparse.Chunk();
        /** For a fused head's gradients: the block's labels, and the head's buffers (else null). */
        final int[] y;
        final SoftmaxHead.Scratch head;

        /**
         * A wide pass with compact input ({@link Network#compactInput}; compact false when the input is whole):
         * the columns taken (x holds the rows' values in them and a 1, inCols + 1 a row; inCols may be 0, a chunk
         * without ink, and then Z_0 = b_0), W_0's columns for them and b_0 (w0), the compact [dW_0 db_0] (dw0),
         * and what dW_0 and db_0 are laid out times.
         */
        boolean compact;
        int inCols;
        double alpha0;
        ColumnSubset columns;
        double[] w0, dw0;
        /**
         * The rows of a compact chunk in the order they are taken (see orderRows), and the sort's buffers: each
         * row's id, ink and label, two permutations, and the bucket counts.
         */
        int[] order, rowId, rowInk, rowLabel, sortA, sortB, sortCounts;

        /** The compact form's buffers, made on first use (first: the network's first layer). */
        ColumnSubset compactSpace(Dense first, int classes) {
            if (columns == null) {
                int side = (int) Math.round(Math.sqrt(first.in));
                // square inputs are taken for images (784 = 28 x 28, 64 = 8 x 8): columns by 4 x 4 patches
                columns = side >= 8 && side * side == first.in ? new ColumnSubset(first.in, ColumnSubset.patchOrder(side, 4))
                        : new ColumnSubset(first.in);
                w0 = new double[first.w.length];
                dw0 = new double[first.w.length];
                order = new int[rows];
                rowId = new int[rows];
                rowInk = new int[rows];
                rowLabel = new int[rows];
                sortA = new int[rows];
                sortB = new int[rows];
                sortCounts = new int[Math.max(first.in, classes) + 2];
            }
            return columns;
        }

        // The element-wise step of a wide layer in progress, read by its row-chunk tasks. Held here, not in
        // the network, since evaluation runs a workspace per partition on threads of their own; the tasks
        // are made once so that a pass allocates nothing.
        private Dense step;
        private int stepLayer, stepRows;
        private boolean stepBias;
        private final IntConsumer biasActivationTask = this::biasActivationChunk;
        private final IntConsumer activationBackwardTask = this::activationBackwardChunk;

        Workspace(Network net, int rows, boolean gradients, boolean backward) {
            int L = net.layers.size();
            this.rows = rows;
            x = new double[rows * net.inputs()];
            lse = new double[rows];
            z = new double[L][];
            a = new double[L][];
            dz = new double[L][];
            da = new double[L][];
            gw = new double[L][];
            gb = new double[L][];
            Dense last = net.layers.get(L - 1);
            y = gradients && net.fusedHead ? new int[rows] : null;
            head = gradients && net.fusedHead ? new SoftmaxHead.Scratch(last.in, last.out) : null;
            for (int l = 0; l < L; l++) {
                Dense d = net.layers.get(l);
                z[l] = new double[rows * d.out];
                a[l] = new double[rows * d.out];
                // Forward only: dZ, dA just at the output, where the loss writes them.
                dz[l] = backward || l == L - 1 ? new double[rows * d.out] : null;
                da[l] = backward || l == L - 1 ? new double[rows * d.out] : null;
                gw[l] = gradients ? new double[d.w.length] : null;
                gb[l] = gradients ? new double[d.b.length] : null;
            }
        }

        double[] gradTable0(Dense d) {
            int length = Sparse.tableLength(d.out, d.in);
            if (gradTable0 == null || gradTable0.length != length) gradTable0 = new double[length];
            return gradTable0;
        }

        /**
         * A_l = f(Z_l) for layer l (d, element-wise activation), after Z_l += 1 b^T when addBias, in row chunks over
         * the kernel threads.
         */
        void activation(int rows, int l, Dense d, boolean addBias) {
            setStep(rows, l, d);
            stepBias = addBias;
            Parallel.forEach((rows + ROW_CHUNK - 1) / ROW_CHUNK, biasActivationTask);
        }

        /** dZ_l = dA_l * f'(Z_l) for layer l (d, element-wise activation), in row chunks over the kernel threads. */
        void activationBackward(int rows, int l, Dense d) {
            setStep(rows, l, d);
            Parallel.forEach((rows + ROW_CHUNK - 1) / ROW_CHUNK, activationBackwardTask);
        }

        private void setStep(int rows, int l, Dense d) {
            step = d;
            stepLayer = l;
            stepRows = rows;
        }

        private void biasActivationChunk(int t) {
            int l = stepLayer, cols = step.out, r0 = t * ROW_CHUNK, nr = Math.min(ROW_CHUNK, stepRows - r0);
            if (stepBias) Ops.addRowVector(nr, cols, step.b, z[l], r0 * cols);
            step.activation.forwardRange(r0 * cols, nr * cols, z[l], a[l]);
        }

        private void activationBackwardChunk(int t) {
            int l = stepLayer, cols = step.out, r0 = t * ROW_CHUNK, nr = Math.min(ROW_CHUNK, stepRows - r0);
            step.activation.backwardRange(r0 * cols, nr * cols, z[l], a[l], da[l], dz[l]);
        }
    }
}
