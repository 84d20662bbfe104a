package nnsh.shell;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import nnsh.UserError;
import nnsh.data.Dataset;
import nnsh.nn.Dense;
import nnsh.nn.History;
import nnsh.nn.Network;

@Command(name = "show", description = "Show a digit, the shapes, the weights, the history or the data.",
        footer = {"", "What to show:",
                "  digit N [--split S]   image N of the training set (or dev/test) with its label",
                "  shapes                the tutorials' table of variables and their shapes",
                "  net                   the layers and their parameter counts",
                "  weights [L]           statistics of each layer's weights (or layer L)",
                "  history               loss and accuracy so far",
                "  data                  the data sets in the session",
                "", "Examples:", "  show digit 0", "  show digit 7 --split test", "  show shapes"})
public final class ShowCmd extends Cmd {
    @Parameters(index = "0", paramLabel = "WHAT", description = "digit, shapes, net, weights, history or data")
    String what;

    @Parameters(index = "1", arity = "0..1", paramLabel = "N", description = "image index (for digit), layer (for weights)")
    Integer index;

    @Option(names = "--split", paramLabel = "S", description = "train (default), dev or test")
    String split = "train";

    public ShowCmd(Session s) {
        super(s);
    }

    @Override
    protected void run() {
        switch (what.toLowerCase()) {
            case "digit": case "image": digit(); break;
            case "shapes": case "vars": shapes(); break;
            case "net": case "summary": case "network": net(); break;
            case "weights": weights(); break;
            case "history": history(); break;
            case "data": data(); break;
            default: throw new UserError("show " + what + ": expected digit, shapes, net, weights, history or data");
        }
    }

    private void digit() {
        Dataset d = s.split(split);
        int i = index == null ? 0 : index;
        if (i < 0 || i >= d.n) throw new UserError("show digit " + i + ": " + d.name + " has images 0 to " + (d.n - 1));
        String ramp = " .:-=+*#%@";
        for (int r = 0; r < d.height; r++) {
            StringBuilder sb = new StringBuilder();
            for (int c = 0; c < d.width; c++) {
                double v = d.x[i * d.features + r * d.width + c];
                char ch = ramp.charAt((int) Math.min(ramp.length() - 1, Math.max(0, v * ramp.length())));
                sb.append(ch).append(ch);
            }
            out().println(sb.toString().replaceAll("\\s+$", ""));
        }
        out().println(split + " image " + i + ": label " + (d.labeled() ? Integer.toString(d.y[i]) : "unknown"));
    }

    private void shapes() {
        Network n = s.requireNet();
        out().println(String.format("  %-10s %-14s %s", "variable", "shape", "meaning"));
        out().println(String.format("  %-10s %-14s %s", "A0 = X", n.inputs() + " x m", "input: one column per example"));
        for (int l = 1; l <= n.depth(); l++) {
            Dense d = n.layer(l - 1);
            out().println(String.format("  %-10s %-14s %s", "W" + l, d.out + " x " + d.in, "weights"));
            out().println(String.format("  %-10s %-14s %s", "b" + l, d.out + " x 1", "biases"));
            out().println(String.format("  %-10s %-14s %s", "Z" + l, d.out + " x m", "W" + l + " A" + (l - 1) + " + b" + l));
            out().println(String.format("  %-10s %-14s %s", "A" + l, d.out + " x m", d.activation.id + "(Z" + l + ")"));
        }
        for (int l = n.depth(); l >= 1; l--) {
            Dense d = n.layer(l - 1);
            out().println(String.format("  %-10s %-14s %s", "dZ" + l, d.out + " x m", l == n.depth() ? "A" + l + " - Y" : "W" + (l + 1) + "^T dZ" + (l + 1) + " * f'(Z" + l + ")"));
            out().println(String.format("  %-10s %-14s %s", "dW" + l, d.out + " x " + d.in, "dZ" + l + " A" + (l - 1) + "^T / m"));
            out().println(String.format("  %-10s %-14s %s", "db" + l, d.out + " x 1", "sum of dZ" + l + " over examples / m"));
        }
        out().println("  m = " + (s.trainer != null && s.trainer.examples() > 0 ? Fmt.count(s.trainer.fullBatch() ? s.trainer.examples() : s.trainer.batchSize()) + " (the batch)" : "the batch size"));
    }

    private void net() {
        Network n = s.requireNet();
        out().println(String.format("  %-8s %-12s %-10s %12s", "layer", "shape", "activation", "parameters"));
        for (int l = 0; l < n.depth(); l++) {
            Dense d = n.layer(l);
            out().println(String.format("  %-8s %-12s %-10s %12s", "dense " + (l + 1), d.in + " -> " + d.out, d.activation.id, Fmt.count(d.parameterCount())));
        }
        out().println("  total " + Fmt.count(n.parameterCount()) + " parameters; loss " + n.loss.id
                + (s.trainer != null ? "; " + s.trainer.optimizer.describe() + "; iteration " + s.trainer.iteration() : ""));
    }

    private void weights() {
        Network n = s.requireNet();
        for (int l = 0; l < n.depth(); l++) {
            if (index != null && index != l + 1) continue;
            Dense d = n.layer(l);
            double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY, sum = 0, sq = 0;
            for (double v : d.w) {
                min = Math.min(min, v);
                max = Math.max(max, v);
                sum += v;
                sq += v * v;
            }
            double mean = sum / d.w.length, sd = Math.sqrt(Math.max(0, sq / d.w.length - mean * mean));
            out().println("W" + (l + 1) + " " + d.out + "x" + d.in + ": min " + Fmt.g(min) + "  max " + Fmt.g(max) + "  mean " + Fmt.g(mean) + "  std " + Fmt.g(sd));
        }
        if (index != null && (index < 1 || index > n.depth())) throw new UserError("show weights " + index + ": expected a layer 1 to " + n.depth());
    }

    private void history() {
        if (s.trainer == null || s.trainer.history.size() == 0) {
            out().println("no history yet: 'train' or 'step' first");
            return;
        }
        History h = s.trainer.history;
        double[] loss = h.losses(), acc = h.accuracies();
        out().println("iterations 1-" + h.size() + ": loss " + Fmt.f4(loss[0]) + " -> " + Fmt.f4(loss[loss.length - 1])
                + ", batch accuracy " + Fmt.f4(acc[0]) + " -> " + Fmt.f4(acc[acc.length - 1]));
    }

    private void data() {
        if (s.train == null) {
            out().println("no data loaded: 'load' loads the bundled MNIST");
            return;
        }
        out().println(s.dataDescription);
        for (String n : new String[] {"train", "dev", "test"}) {
            Dataset d = n.equals("train") ? s.train : n.equals("dev") ? s.dev : s.test;
            if (d == null) continue;
            out().println(String.format("  %-6s %8s images %s%s", n, Fmt.count(d.n), d.shape(), d.labeled() ? "" : " (no labels)"));
        }
    }
}
