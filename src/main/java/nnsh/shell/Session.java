package nnsh.shell;

import java.io.PrintWriter;
import java.util.Locale;

import nnsh.UserError;
import nnsh.data.Dataset;
import nnsh.nn.Network;
import nnsh.nn.Optimizer;
import nnsh.nn.Trainer;
import nnsh.nn.Workers;

/**
 * Everything a shell session holds: the data (train, dev, test), the network and its training
 * state, and the settings. Commands read and change it; nothing here prints except through out.
 */
public final class Session implements AutoCloseable {
    public final PrintWriter out;
    public final PrintWriter err;

    // ---- data ----
    public String dataDescription;
    public Dataset train;
    public Dataset dev;
    public Dataset test;

    // ---- model ----
    public Network net;
    public Trainer trainer;

    // ---- settings ----
    public long seed = 1;
    public Optimizer.Kind optimizerKind = Optimizer.Kind.GD;
    /** Learning rate for the next optimizer; null = the kind's default. */
    public Double lr;
    /** The other constants for the next optimizer (beta, rho, beta1, beta2, eps; its kind and lr unused). */
    public final Optimizer constants = new Optimizer(Optimizer.Kind.GD, 0);
    /** 0 = full batch. */
    public int batch;
    public boolean debug;
    private Workers workers;
    private int threads = Runtime.getRuntime().availableProcessors();

    /** Set by Ctrl-C during a long command; training checks it between iterations. */
    public volatile boolean interrupted;

    /** The last 'predict': which image and what the network said; null before the first. */
    public Prediction lastPrediction;

    /** What 'predict' computed for one image. */
    public static final class Prediction {
        public final String split;
        public final int index;
        /** The output of the network, one value per class. */
        public final double[] probabilities;
        public final int predicted;
        /** The true label, or -1 for an unlabeled image. */
        public final int label;

        public Prediction(String split, int index, double[] probabilities, int predicted, int label) {
            this.split = split;
            this.index = index;
            this.probabilities = probabilities;
            this.predicted = predicted;
            this.label = label;
        }

        @Override
        public String toString() {
            return split + " image " + index + ": predicted " + predicted + " (" + Fmt.pct(probabilities[predicted]) + ")"
                    + (label >= 0 ? ", label " + label : "");
        }
    }

    /** Things to close with the session (the Java evaluator, for one). */
    private final java.util.List<AutoCloseable> resources = new java.util.ArrayList<>();

    // ---- the terminal, for views: what they may print ----
    /** A person at a terminal (the JLine shell), not a script, -c string or pipe. */
    public boolean interactive;
    /** Colors (ANSI escapes) are allowed: a terminal that has them, and NO_COLOR not set. */
    public boolean color;
    /** The terminal has 256 colors (gray ramps for images and heatmaps). */
    public boolean color256;
    /** 'set view': auto (from the terminal), ascii, unicode or color. */
    public String view = "auto";
    /** Non-ASCII characters (block shades, arrows) print correctly. */
    public boolean unicode = defaultUnicode();
    /** Width of the terminal in characters (80 when not a terminal). */
    public int columns = 80;
    /** A status line may be redrawn in place with carriage returns (interactive, not a dumb terminal). */
    public boolean live;
    private int statusLength;

    /** Short name of the loaded data (mnist, digits, a file name), for the prompt. */
    public String dataName;

    public Session(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
    }

    /** Closes r when the session closes. */
    public void closeWithSession(AutoCloseable r) {
        resources.add(r);
    }

    private static boolean defaultUnicode() {
        String enc = System.getProperty("stdout.encoding", System.getProperty("native.encoding", ""));
        return enc.toUpperCase(Locale.ROOT).replace("-", "").equals("UTF8");
    }

    /**
     * Shows a one-line status (live progress) in place of the previous one, on a live terminal;
     * does nothing otherwise. The line is cut to the terminal's width so it never wraps.
     */
    public void status(String text) {
        if (!live) return;
        String t = text.length() >= columns ? text.substring(0, Math.max(0, columns - 1)) : text;
        StringBuilder sb = new StringBuilder("\r").append(t);
        for (int i = t.length(); i < statusLength; i++) sb.append(' ');
        statusLength = t.length();
        out.print(sb);
        out.flush();
    }

    /** Erases the status line, if one is shown, so normal lines print from the left margin. */
    public void clearStatus() {
        if (!live || statusLength == 0) return;
        out.print("\r" + " ".repeat(statusLength) + "\r");
        out.flush();
        statusLength = 0;
    }

    /** How views may draw here: ASCII or Unicode, with or without color, at the terminal's width. */
    public nnsh.render.Style style() {
        int w = Math.max(nnsh.render.Style.MIN_WIDTH, columns);
        switch (view) {
            case "ascii": return nnsh.render.Style.plain(w);
            case "unicode": return nnsh.render.Style.unicode(w);
            case "color": return nnsh.render.Style.rich(w);
            default:
                if (!unicode) return nnsh.render.Style.plain(w);
                return color && color256 ? nnsh.render.Style.rich(w) : nnsh.render.Style.unicode(w);
        }
    }

    public Workers workers() {
        if (workers == null) workers = new Workers(threads);
        return workers;
    }

    public int threads() {
        return threads;
    }

    public void setThreads(int n) {
        if (n < 1 || n > 256) throw new UserError("threads: " + n + "; expected 1 to 256");
        if (n != threads && workers != null) {
            workers.close();
            workers = null;
        }
        threads = n;
        nnsh.core.Parallel.setThreads(n);   // the kernels follow the same setting as the workers
    }

    public Network requireNet() {
        if (net == null) throw new UserError("no network yet; create one with 'init', for example: init 784-10-10");
        return net;
    }

    public Dataset requireTrain() {
        if (train == null) throw new UserError("no data loaded; load the bundled MNIST with 'load' (or 'load digits')");
        return train;
    }

    /** The names of the splits, in the order they are listed. */
    public static final java.util.List<String> SPLIT_NAMES = java.util.List.of("train", "dev", "test");

    /** The named split: train, dev or test. */
    public Dataset split(String name) {
        switch (name.toLowerCase(Locale.ROOT)) {
            case "train": return requireTrain();
            case "dev": case "val": case "valid": case "validation":
                if (dev == null) throw new UserError("no dev set; hold one out with 'split dev 1000' (or 'split dev 20%')");
                return dev;
            case "test":
                if (test == null) throw new UserError("no test set; the data has none: hold one out with 'split test 20%'");
                return test;
            default: throw new UserError("unknown split '" + name + "'; expected train, dev or test");
        }
    }

    /** The named split, checked to fit the network, which must exist. */
    public Dataset fittedSplit(String name) {
        Dataset d = split(name);
        checkFit(requireNet(), d);
        return d;
    }

    /** Loss and accuracy of the network on all of d (checked to fit); pred, unless null, gets each image's prediction. */
    public Network.Result evaluate(Dataset d, int[] pred) {
        Network n = requireNet();
        checkFit(n, d);
        return n.evaluate(d.x, d.y, null, 0, d.n, workers(), pred, null);
    }

    /** The training set was replaced: the trainer lets go of the old one (readyTrainer binds the new one). */
    public void dataChanged() {
        if (trainer != null) trainer.setData(null, null, 0);
    }

    /** The trainer, bound to the current training set and batch size, ready for an iteration. */
    public Trainer readyTrainer() {
        return readyTrainer(batch);
    }

    /**
     * The same with a new batch size, which becomes the session's only once everything checks out,
     * so a command refused here leaves the setting as it was.
     */
    public Trainer readyTrainer(int newBatch) {
        requireNet();
        nnsh.data.Dataset d = requireTrain();
        if (!d.labeled()) throw new UserError(d.name + " has no labels; training needs labeled images");
        checkFit(net, d);
        batch = newBatch;
        trainer.setData(d.x, d.y, d.n);
        trainer.setBatchSize(batch);
        return trainer;
    }

    /** A batch size as the user writes it: a whole number of at least 1, or 'full' (returned as 0). */
    public static int parseBatch(String what, String value) {
        if (value.equalsIgnoreCase("full")) return 0;
        int n;
        try {
            n = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new UserError(what + " " + value + ": expected a whole number or 'full'");
        }
        if (n < 1) throw new UserError(what + " " + value + ": expected at least 1, or 'full'");
        return n;
    }

    /** "full" or the number: how a batch size prints. */
    public static String batchName(int batch) {
        return batch <= 0 ? "full" : Integer.toString(batch);
    }

    /** Checks that the network fits the data's images. */
    public void checkFit(Network n, Dataset d) {
        if (n != null && d != null && n.inputs() != d.features) {
            throw new UserError("the network takes " + n.inputs() + " inputs but " + d.name + " images have "
                    + d.features + " pixels (" + d.shape() + "); init a network like " + d.features + "-...-10");
        }
        int classes = n == null || d == null ? 0 : d.classes();
        if (n != null && n.outputs() < classes) {
            throw new UserError("the network has " + n.outputs() + " outputs but " + d.name + " has labels up to "
                    + (classes - 1) + "; init a network like " + n.inputs() + "-...-" + classes);
        }
    }

    /** Makes o's kind, learning rate and constants the ones the next 'init' uses (as after 'load model'). */
    public void rememberOptimizer(Optimizer o) {
        optimizerKind = o.kind;
        lr = o.lr;
        constants.setConstants(o);
    }

    /** A fresh optimizer with the session's kind, learning rate and constants. */
    public Optimizer newOptimizer() {
        Optimizer o = new Optimizer(optimizerKind, 0);
        o.setConstants(constants);
        o.lr = lr != null ? lr : Optimizer.defaultLearningRate(optimizerKind);
        return o;
    }

    @Override
    public void close() {
        for (AutoCloseable r : resources) {
            try {
                r.close();
            } catch (Exception e) {
                // closing is best effort; the session is going away
            }
        }
        resources.clear();
        if (workers != null) workers.close();
        out.flush();
        err.flush();
    }
}
