package nnsh.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import nnsh.UserError;
import nnsh.data.Dataset;
import nnsh.nn.Dense;
import nnsh.nn.History;
import nnsh.nn.Network;
import nnsh.render.Heatmap;
import nnsh.render.Images;
import nnsh.render.LineChart;
import nnsh.render.Sparkline;
import nnsh.render.Stats;
import nnsh.render.Style;
import nnsh.render.Table;

@Command(name = "show", description = "Show a digit, the shapes, the weights, the history or the data.",
        footer = {"", "What to show:",
                "  digit N [--split S]        image N of the training set (or dev/test) with its label",
                "  digits [N] [--count K]     K images from N side by side, with predictions if there is a network",
                "  shapes                     the tutorials' table of variables and their shapes",
                "  net                        a layer summary, like Keras's model.summary()",
                "  weights [L]                statistics and a histogram of each layer's weights (or layer L)",
                "  weights 1 --unit U         hidden unit U's incoming weights as an image (+ and - told apart)",
                "  weights 1 --grid           every first-layer unit's weights, side by side",
                "  history                    loss and accuracy so far: sparklines and a chart",
                "  data                       the data sets in the session",
                "", "Examples:", "  show digit 0", "  show digits 0 --count 8 --split test", "  show shapes",
                "  show weights 1 --unit 3", "  show history"})
public final class ShowCmd extends Cmd {
    @Parameters(index = "0", paramLabel = "WHAT", description = "digit, digits, shapes, net, weights, history or data")
    String what;

    @Parameters(index = "1", arity = "0..1", paramLabel = "N", description = "image index (digit, digits), layer (weights)")
    Integer index;

    @Option(names = "--split", paramLabel = "S", description = "train (default), dev or test")
    String split = "train";

    @Option(names = "--count", paramLabel = "K", description = "how many images for 'show digits' (default 10)")
    int count = 10;

    @Option(names = "--unit", paramLabel = "U", description = "for 'show weights': one unit's incoming weights")
    Integer unit;

    @Option(names = "--grid", description = "for 'show weights': every unit of the layer as an image")
    boolean grid;

    public ShowCmd(Session s) {
        super(s);
    }

    private Style style() {
        return s.style();
    }

    @Override
    protected void run() {
        switch (what.toLowerCase(Locale.ROOT)) {
            case "digit": case "image": digit(); break;
            case "digits": case "images": digits(); break;
            case "shapes": case "vars": shapes(); break;
            case "net": case "summary": case "network": net(); break;
            case "weights": weights(); break;
            case "history": history(); break;
            case "data": data(); break;
            default: throw new UserError("show " + what + ": expected digit, digits, shapes, net, weights, history or data");
        }
    }

    private void digit() {
        Dataset d = s.split(split);
        int i = index == null ? 0 : index;
        if (i < 0 || i >= d.n) throw new UserError("show digit " + i + ": " + d.name + " has images 0 to " + (d.n - 1));
        show(Images.render(d.x, i * d.features, d.width, d.height, style()));
        out().println(split + " image " + i + ": label " + (d.labeled() ? Integer.toString(d.y[i]) : "unknown"));
    }

    private void digits() {
        Dataset d = s.split(split);
        int from = index == null ? 0 : index;
        if (from < 0 || from >= d.n) throw new UserError("show digits " + from + ": " + d.name + " has images 0 to " + (d.n - 1));
        if (count < 1) throw new UserError("--count " + count + ": expected at least 1");
        int to = Math.min(d.n, from + count);
        Network net = s.net != null && s.net.inputs() == d.features ? s.net : null;
        DigitGrid g = DigitGrid.of(d, from, to, net, s, "show digits --count " + count);
        show(g.text);
        out().println(split + " images " + from + " to " + (to - 1) + (net == null ? "" : " with the network's predictions"));
    }

    private void shapes() {
        Network n = s.requireNet();
        show(Table.varsAndShapes(n.sizes(), Fmt.activationIds(n)).render(style()));
        String m = s.trainer != null && s.trainer.examples() > 0
                ? Fmt.count(s.trainer.fullBatch() ? s.trainer.examples() : s.trainer.batchSize()) + ", the batch size"
                : "the batch size";
        out().println("m = " + m + ". In memory nnsh keeps one example per row (X^T); shapes here are as the math writes them.");
    }

    private void net() {
        Network n = s.requireNet();
        show(Table.modelSummary(n.sizes(), Fmt.activationIds(n)).render(style()));
        out().println("loss " + n.loss.id + (s.trainer != null ? "; " + s.trainer.optimizer.describe() + "; iteration "
                + s.trainer.iteration() + ", epoch " + s.trainer.epoch() : ""));
        out().println("backend " + nnsh.core.Backend.describe(s.threads()));
    }

    private void weights() {
        Network n = s.requireNet();
        if (index != null && (index < 1 || index > n.depth())) throw new UserError("show weights " + index + ": expected a layer 1 to " + n.depth());
        if (unit != null || grid) {
            int l = index == null ? 1 : index;
            Dense d = n.layer(l - 1);
            int side = (int) Math.round(Math.sqrt(d.in));
            if (side * side != d.in) throw new UserError("layer " + l + " has " + d.in + " inputs, not a square image; 'show weights " + l + "' gives its statistics");
            if (grid) {
                show(Heatmap.grid(d.w, d.out, side, side, 60, true, style()));
                return;
            }
            if (unit < 0 || unit >= d.out) throw new UserError("--unit " + unit + ": layer " + l + " has units 0 to " + (d.out - 1));
            show(Heatmap.render(d.w, unit * d.in, side, side, style()));
            out().println("layer " + l + ", unit " + unit + ": its " + d.in + " incoming weights as a " + side + "x" + side
                    + " image; bias " + Fmt.g(d.b[unit]));
            return;
        }
        List<String> names = new ArrayList<>();
        List<double[]> arrays = new ArrayList<>();
        for (int l = 0; l < n.depth(); l++) {
            if (index != null && index != l + 1) continue;
            Dense d = n.layer(l);
            names.add(Fmt.weightName(l, d));
            arrays.add(d.w);
            names.add(Fmt.biasName(l, d));
            arrays.add(d.b);
        }
        show(Stats.table(names, arrays, style()));
    }

    private void history() {
        if (s.trainer == null || s.trainer.history.size() == 0) {
            out().println("no history yet: 'train' or 'step' first");
            return;
        }
        History h = s.trainer.history;
        double[] loss = h.losses(), acc = h.accuracies(), dev = h.devAccuracies();
        long[] it = h.iterations();
        double[] x = new double[it.length];
        for (int i = 0; i < x.length; i++) x[i] = it[i];
        out().println(Sparkline.render("loss", loss, style()));
        out().println(Sparkline.render("acc ", acc, style()));
        List<LineChart.Series> series = new ArrayList<>();
        series.add(LineChart.Series.at("train acc (batch)", x, acc));
        int devPoints = 0;
        for (double v : dev) if (!Double.isNaN(v)) devPoints++;
        if (devPoints > 0) {
            double[] dx = new double[devPoints], dy = new double[devPoints];
            for (int i = 0, k = 0; i < dev.length; i++) {
                if (!Double.isNaN(dev[i])) {
                    dx[k] = x[i];
                    dy[k++] = dev[i];
                }
            }
            out().println(Sparkline.render("dev ", dy, style()));
            series.add(LineChart.Series.at("dev acc", dx, dy));
        }
        series.add(LineChart.Series.at("loss", x, loss).onRight());
        show(LineChart.render(series, style().width(), 14, style()));
        out().println("iterations 1 to " + it[it.length - 1] + (devPoints > 0 ? "; dev accuracy measured " + devPoints + " times" : ""));
    }

    private void data() {
        if (s.train == null) {
            out().println("no data loaded: 'load' loads the bundled MNIST");
            return;
        }
        out().println(s.dataDescription);
        Table t = new Table("set", "images", "size", "labels", "per digit (0-9)");
        for (String n : Session.SPLIT_NAMES) {
            Dataset d = n.equals("train") ? s.train : n.equals("dev") ? s.dev : s.test;
            if (d == null) continue;
            StringBuilder counts = new StringBuilder();
            if (d.labeled()) for (int c : d.classCounts(10)) counts.append(counts.length() == 0 ? "" : " ").append(c);
            t.row(n, Fmt.count(d.n), d.shape(), d.labeled() ? "yes" : "no", counts.toString());
        }
        show(t.render(style()));
    }
}
