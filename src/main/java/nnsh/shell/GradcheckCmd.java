package nnsh.shell;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import nnsh.UserError;
import nnsh.core.Rng;
import nnsh.data.Dataset;
import nnsh.nn.Activation;
import nnsh.nn.Dense;
import nnsh.nn.Network;

@Command(name = "gradcheck", description = "Compare backprop's gradients with central differences.",
        footer = {"", "Backprop's gradient of the mean loss on a few training images is compared with",
                "(L(w + h) - L(w - h)) / 2h, h = 1e-5, for a sample of weights and biases of",
                "each layer. The relative error is |backprop - numeric| / max(|backprop|,",
                "|numeric|, 1e-8): below 1e-6 they agree, above 1e-3 one of them is wrong.",
                "The weights are put back exactly as they were.",
                "ReLU has a kink at 0: when +-h moves some pre-activation across 0 the numeric",
                "slope mixes both sides, so a few samples may disagree while the median agrees.",
                "", "Examples:", "  gradcheck", "  gradcheck --examples 20 --samples 50"})
public final class GradcheckCmd extends Cmd {
    static final double H = 1e-5;

    @Option(names = "--examples", paramLabel = "N", description = "training images in the loss (default 5)")
    int examples = 5;

    @Option(names = "--samples", paramLabel = "K", description = "weights checked per layer, plus up to K biases (default 20)")
    int samples = 20;

    @Option(names = "--seed", paramLabel = "S", description = "seed for choosing images and weights (default: the session seed)")
    Long seed;

    public GradcheckCmd(Session s) {
        super(s);
    }

    /** Relative errors of one layer's checked weights and biases. */
    static final class LayerCheck {
        final List<Double> errors = new ArrayList<>();
        int weights, biases;

        double max() {
            return errors.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        }

        double median() {
            double[] e = errors.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            if (e.length == 0) return 0;
            return e.length % 2 == 1 ? e[e.length / 2] : (e[e.length / 2 - 1] + e[e.length / 2]) / 2;
        }
    }

    @Override
    protected void run() {
        Network net = s.requireNet();
        Dataset d = s.requireTrain();
        if (!d.labeled()) throw new UserError(d.name + " has no labels; the loss needs them");
        s.checkFit(net, d);
        if (examples < 1 || examples > d.n) throw new UserError("--examples " + examples + ": expected 1 to " + d.n);
        if (samples < 1) throw new UserError("--samples " + samples + ": expected at least 1");
        List<LayerCheck> checks = check(net, d, examples, samples, new Rng(seed != null ? seed : s.seed), s);

        out().println("gradient check on " + examples + " training image" + (examples == 1 ? "" : "s") + ", h = 1e-5, "
                + samples + " weights and up to " + samples + " biases per layer");
        out().println("relative error = |backprop - numeric| / max(|backprop|, |numeric|, 1e-8)");
        out().println(String.format("  %-22s %8s %12s %12s  %s", "layer", "checked", "max error", "median error", "verdict"));
        double worstMedian = 0, worstMax = 0;
        for (int l = 0; l < checks.size(); l++) {
            Dense layer = net.layer(l);
            LayerCheck c = checks.get(l);
            worstMedian = Math.max(worstMedian, c.median());
            worstMax = Math.max(worstMax, c.max());
            out().println(String.format("  %-22s %8s %12s %12s  %s", Fmt.weightName(l, layer) + " " + layer.activation.id,
                    c.weights + "+" + c.biases, sci(c.max()), sci(c.median()), verdict(c.median(), c.max())));
        }
        boolean kinks = net.layers().stream().anyMatch(x -> x.activation == Activation.RELU || x.activation == Activation.LEAKY_RELU);
        if (worstMedian < 1e-6 && worstMax < 1e-4) {
            out().println("backprop agrees with the numeric gradient.");
        } else if (worstMedian < 1e-6) {
            out().println("backprop agrees with the numeric gradient on most samples; the few that disagree are"
                    + (kinks ? " most likely ReLU kinks (see 'help gradcheck')." : " worth a second look (try another --seed)."));
        } else {
            out().println("backprop and the numeric gradient disagree (median relative error " + sci(worstMedian)
                    + "); the backward pass may have a bug.");
        }
    }

    private static String verdict(double median, double max) {
        if (median >= 1e-3) return "WRONG";
        if (median >= 1e-6) return "doubtful";
        return max < 1e-4 ? "ok" : "ok, a few off (kinks?)";
    }

    private static String sci(double x) {
        return x == 0 ? "0" : String.format(java.util.Locale.ROOT, "%.1e", x);
    }

    /**
     * Compares backprop with central differences on {@code examples} random training images. Leaves
     * the weights, biases and gradient buffers as they were.
     */
    static List<LayerCheck> check(Network net, Dataset d, int examples, int samples, Rng rng, Session s) {
        int[] index = new int[d.n];
        for (int i = 0; i < d.n; i++) index[i] = i;
        rng.shuffle(index);
        int[] pick = Arrays.copyOf(index, examples);

        int L = net.depth();
        double[][] savedDw = new double[L][], savedDb = new double[L][];
        for (int l = 0; l < L; l++) {
            savedDw[l] = net.layer(l).dw.clone();
            savedDb[l] = net.layer(l).db.clone();
        }
        List<LayerCheck> result = new ArrayList<>();
        try {
            net.gradient(d.x, d.y, pick, 0, examples, s.workers());
            for (int l = 0; l < L; l++) {
                Dense layer = net.layer(l);
                LayerCheck c = new LayerCheck();
                for (int i : choose(layer.dw, samples, rng)) {
                    c.errors.add(relativeError(layer.dw[i], numeric(net, d, pick, layer.w, i, s)));
                    c.weights++;
                }
                for (int i : choose(layer.db, samples, rng)) {
                    c.errors.add(relativeError(layer.db[i], numeric(net, d, pick, layer.b, i, s)));
                    c.biases++;
                }
                result.add(c);
            }
        } finally {
            for (int l = 0; l < L; l++) {
                System.arraycopy(savedDw[l], 0, net.layer(l).dw, 0, savedDw[l].length);
                System.arraycopy(savedDb[l], 0, net.layer(l).db, 0, savedDb[l].length);
            }
        }
        return result;
    }

    /** Up to k indices, chosen among entries with a gradient above 1e-7 when there are enough of them. */
    private static int[] choose(double[] grad, int k, Rng rng) {
        int[] all = new int[grad.length];
        int big = 0;
        for (int i = 0; i < grad.length; i++) if (Math.abs(grad[i]) > 1e-7) all[big++] = i;
        int[] pool;
        if (big >= Math.min(k, grad.length)) {
            pool = Arrays.copyOf(all, big);
        } else {
            pool = new int[grad.length];
            for (int i = 0; i < grad.length; i++) pool[i] = i;
        }
        rng.shuffle(pool);
        return Arrays.copyOf(pool, Math.min(k, pool.length));
    }

    /** (L(p + h) - L(p - h)) / 2h for parameter p = params[i]; p is restored bit for bit. */
    private static double numeric(Network net, Dataset d, int[] pick, double[] params, int i, Session s) {
        double orig = params[i];
        try {
            params[i] = orig + H;
            double plus = net.evaluate(d.x, d.y, pick, 0, pick.length, s.workers(), null, null).loss;
            params[i] = orig - H;
            double minus = net.evaluate(d.x, d.y, pick, 0, pick.length, s.workers(), null, null).loss;
            return (plus - minus) / (2 * H);
        } finally {
            params[i] = orig;
        }
    }

    static double relativeError(double a, double n) {
        return Math.abs(a - n) / Math.max(Math.max(Math.abs(a), Math.abs(n)), 1e-8);
    }
}
