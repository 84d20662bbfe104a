package nnsh.inspect;

import java.util.Arrays;

import nnsh.UserError;
import nnsh.core.Ops;
import nnsh.data.Dataset;
import nnsh.nn.Dense;
import nnsh.nn.History;
import nnsh.nn.Network;
import nnsh.shell.Session;

/**
 * What a {@code java} snippet sees of the running session. Every method here is in scope in a
 * snippet (the evaluator starts with {@code import static nnsh.inspect.Api.*}), so
 * {@code java W(1).norm()} works as it reads.
 *
 * <p>Conventions are the tutorials': layers count from 1, W(l) is out x in, X is features x m
 * (one column per image). Matrices are live {@link Mat} views: writing to them changes the
 * network, and the next predict, eval or train uses the new values. They read the network that
 * was current when they were made; after a new 'init', call W(1) again.
 */
public final class Api {
    private Api() {}

    private static volatile Session session;

    /** Binds the API to a session (the evaluator does this before each run of snippets), and clears {@link #dataHandedOut}. */
    static void bind(Session s) {
        session = s;
        dataHandedOut = false;
    }

    /**
     * Whether the snippets run since the last {@link #bind} were handed the data arrays themselves (session(),
     * data(), X()). The evaluator keeps the answer for its own definitions (JavaEval), since from then on any
     * of its snippets may write into them.
     */
    private static volatile boolean dataHandedOut;

    static boolean dataHandedOut() {
        return dataHandedOut;
    }

    private static Session current() {
        Session s = session;
        if (s == null) throw new UserError("no session");
        return s;
    }

    /** The shell session: data (train, dev, test), net, trainer, settings. */
    public static Session session() {
        Session s = current();
        dataHandedOut = true;
        return s;
    }

    /** The network (layers(), spec(), depth(), predict(...)). */
    public static Network net() {
        return current().requireNet();
    }

    /** Layer l, counting from 1. */
    public static Dense layer(int l) {
        Network n = net();
        if (l < 1 || l > n.depth()) {
            throw new UserError("layer " + l + ": the network " + n.spec() + " has layers 1 to " + n.depth());
        }
        return n.layer(l - 1);
    }

    /** The number of layers with weights. */
    public static int L() {
        return net().depth();
    }

    /** The weights of layer l, out x in: W(l).get(o, i) is the weight from input i to unit o. */
    public static Mat W(int l) {
        Dense d = layer(l);
        return Mat.rowMajor("W" + l, d.w, d.out, d.in);
    }

    /** The biases of layer l, out x 1. */
    public static Mat b(int l) {
        Dense d = layer(l);
        return Mat.rowMajor("b" + l, d.b, d.out, 1);
    }

    /** The gradient of the loss for W(l) at the last iteration, out x in. */
    public static Mat dW(int l) {
        Dense d = layer(l);
        return Mat.rowMajor("dW" + l, d.dw, d.out, d.in);
    }

    /** The gradient of the loss for b(l) at the last iteration, out x 1. */
    public static Mat db(int l) {
        Dense d = layer(l);
        return Mat.rowMajor("db" + l, d.db, d.out, 1);
    }

    /** The named split: "train", "dev" or "test". */
    public static Dataset data(String split) {
        return session().split(split);   // session(): the arrays are handed out
    }

    /** The images of a split as X, features x m: X("dev").get(f, i) is pixel f of image i. A live view. */
    public static Mat X(String split) {
        Dataset d = data(split);
        return new Mat("X_" + split, d.x, 0, d.features, d.n, 1, d.features);
    }

    /** The labels of a split, one per image (the data set's own array); null when unlabeled. */
    public static int[] Y(String split) {
        return current().split(split).y;
    }

    /** Image i of a split, its pixels in [0, 1] (a copy). */
    public static double[] image(String split, int i) {
        Dataset d = checkImage(split, i);
        return Arrays.copyOfRange(d.x, i * d.features, (i + 1) * d.features);
    }

    /** The network's output for image i of a split. */
    public static double[] predict(String split, int i) {
        Dataset d = checkImage(split, i);
        return net().predict(d.x, i * d.features);
    }

    /** Every layer's activations for image i: result[0] is the image, result[l] is A_l. */
    public static double[][] forward(String split, int i) {
        Dataset d = checkImage(split, i);
        return net().activations(d.x, i * d.features);
    }

    /** Layer l's activations over a whole split, units x m: A(1, "dev").get(u, i) is unit u on image i. */
    public static Mat A(int l, String split) {
        Dense layer = layer(l);
        Network n = net();
        Dataset d = current().fittedSplit(split);
        double[] a = new double[layer.out * d.n];
        for (int i = 0; i < d.n; i++) {
            double[] act = n.activations(d.x, i * d.features)[l];
            for (int u = 0; u < layer.out; u++) a[u * d.n + i] = act[u];
        }
        return Mat.rowMajor("A" + l + "_" + split, a, layer.out, d.n);
    }

    /** What training has recorded: iterations(), losses(), accuracies(), devAccuracies(). */
    public static History history() {
        Session s = current();
        s.requireNet();
        return s.trainer.history;
    }

    /** The last 'predict': split, index, probabilities, predicted, label. */
    public static Session.Prediction last() {
        Session.Prediction p = current().lastPrediction;
        if (p == null) throw new UserError("nothing predicted yet; try 'predict 0' first");
        return p;
    }

    /** The index of the largest value. */
    public static int argmax(double[] v) {
        return Ops.argmax(v, 0, v.length);
    }

    private static Dataset checkImage(String split, int i) {
        Dataset d = current().fittedSplit(split);
        if (i < 0 || i >= d.n) throw new UserError(split + " has images 0 to " + (d.n - 1) + "; no image " + i);
        return d;
    }

    /** What 'java' alone prints. */
    public static String summary() {
        return String.join("\n",
                "java SNIPPET runs Java in this session; definitions persist between calls.",
                "In scope (nnsh.inspect.Api; layers from 1, W is out x in, X is features x m):",
                "  net()               the network: spec(), depth(), layers(), parameterCount()",
                "  W(l) b(l)           layer l's weights and biases as live matrices (Mat)",
                "  dW(l) db(l)         their gradients from the last iteration",
                "  X(\"dev\") Y(\"dev\")   a split's images (features x m, live), labels (int[])",
                "  image(s, i)         image i of split s; predict(s, i): the network's output;",
                "  forward(s, i)       every layer's activations for it",
                "  A(l, \"dev\")         layer l's activations over a split, units x m",
                "  history()           iterations(), losses(), accuracies(), devAccuracies()",
                "  last()              the last predict: split, index, probabilities,",
                "                      predicted, label",
                "  session()           everything else: train, dev, test, net, trainer",
                "  argmax(double[])    the index of the largest value; L(): the layer count",
                "Mat: rows() cols() get(r,c) set(r,c,v) row(r) col(c) rowView(r) colView(c)",
                "     fillRow(r,v) setRow(r,v) fill(v) scale(f) norm() rowNorm(r) rowNorms()",
                "     sum() mean() min() max() count(v) T() copy() toArray()",
                "Helpers: java /vars /methods /types /imports /list /reset. Examples: help java");
    }
}
