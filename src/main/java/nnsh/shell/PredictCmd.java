package nnsh.shell;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import nnsh.UserError;
import nnsh.data.Dataset;
import nnsh.io.DigitImage;
import nnsh.nn.Network;
import nnsh.render.Bars;
import nnsh.render.Confusion;
import nnsh.render.Images;
import nnsh.render.Style;
import nnsh.render.Text;

@Command(name = "predict", description = "Predict image N, images N..M, a split, or a picture file.",
        footer = {"", "  predict N        the image, the predicted digit and ten probability bars",
                "  predict N..M     a grid of images with label and prediction (x: a mistake)",
                "  predict SPLIT    train, dev or test: accuracy and a confusion matrix with",
                "                   each digit's precision and recall",
                "", "A picture (" + DigitImage.EXTENSIONS + ") is prepared as MNIST was:",
                "made gray, inverted if the ink is dark on light paper, cropped to the ink,",
                "scaled into a 20x20 box keeping its shape, and centered by its center of",
                "mass in 28x28 (for 8x8 networks: a 6x6 box in 8x8). The prepared image",
                "is shown next to the ten probabilities: what the network was given.",
                "", "Examples:", "  predict 0               image 0 of the test set (or train when there is none)",
                "  predict 12 --split dev",
                "  predict 0..15           sixteen test images with their predictions",
                "  predict test            accuracy and confusion matrix on the test set",
                "  predict my-seven.png    a digit you drew or photographed, one digit",
                "                          filling most of the picture",
                "  predict scan.pgm        PGM (P2 or P5) works too"})
public final class PredictCmd extends Cmd {
    @Parameters(index = "0", arity = "0..1", paramLabel = "N|N..M|SPLIT|FILE",
            description = "image index (default 0), a range, train/dev/test, or a picture file")
    String what;

    @Option(names = "--split", paramLabel = "S", description = "train, dev or test (default: test if there is one, else train)")
    String split;

    public PredictCmd(Session s) {
        super(s);
    }

    @Override
    protected void run() {
        Network net = s.requireNet();
        Integer index = null;
        if (what == null) index = 0;
        else if (what.matches("-?\\d{1,10}")) {
            try {
                index = Integer.parseInt(what);
            } catch (NumberFormatException e) {
                throw new UserError("predict " + what + ": too large an index");
            }
        }
        if (index == null) {
            java.util.regex.Matcher range = java.util.regex.Pattern.compile("(\\d{1,9})\\.\\.(\\d{1,9})").matcher(what);
            if (range.matches()) {
                grid(net, Integer.parseInt(range.group(1)), Integer.parseInt(range.group(2)));
            } else if (Session.SPLIT_NAMES.contains(what.toLowerCase(Locale.ROOT)) && !Files.exists(Paths.get(what))) {
                confusion(net, what.toLowerCase(Locale.ROOT));
            } else {
                picture(net, Paths.get(what));
            }
            return;
        }
        String sp = splitName();
        Dataset d = s.fittedSplit(sp);
        int i = index;
        if (i < 0 || i >= d.n) throw new UserError("predict " + i + ": " + sp + " has images 0 to " + (d.n - 1));
        double[] p = net.predict(d.x, i * d.features);
        int best = nnsh.core.Ops.argmax(p, 0, p.length);
        s.lastPrediction = new Session.Prediction(sp, i, p.clone(), best, d.label(i));
        out().println(s.lastPrediction + (d.labeled() ? (d.y[i] == best ? ", right" : ", wrong") : ""));
        show(imageBesideBars(d.x, i * d.features, d.width, d.height, p, d.label(i)));
    }

    /** --split, or by default test if there is one, else train. */
    private String splitName() {
        return split != null ? split : s.test != null ? "test" : "train";
    }

    /** The image on the left, the ten probability bars on the right (or below, when too narrow). */
    private String imageBesideBars(double[] px, int off, int w, int h, double[] p, int label) {
        Style st = s.style();
        List<String> image = Text.lines(Images.render(px, off, w, h, st));
        int imageWidth = Text.maxLineWidth(String.join("\n", image));
        int room = st.width() - imageWidth - 3;
        if (room < Style.MIN_WIDTH + 10) {
            return String.join("\n", image) + "\n" + Bars.render(p, label, st);
        }
        List<String> bars = Text.lines(Bars.render(p, label, st.withWidth(Math.min(room, 60))));
        List<String> padded = new ArrayList<>();
        int top = Math.max(0, (image.size() - bars.size()) / 2);
        for (int r = 0; r < top; r++) padded.add("");
        padded.addAll(bars);
        return Text.join(Text.beside(List.of(image, padded), 3));
    }

    private void grid(Network net, int from, int to) {
        String sp = splitName();
        Dataset d = s.fittedSplit(sp);
        if (from > to || from >= d.n) throw new UserError("predict " + what + ": " + sp + " has images 0 to " + (d.n - 1) + "; expected N..M with N <= M");
        to = Math.min(to, d.n - 1);
        DigitGrid g = DigitGrid.of(d, from, to + 1, net, s, "predict " + what);
        show(g.text);
        out().println(sp + " images " + from + " to " + to + (d.labeled() ? ": " + g.right + " of " + (to - from + 1) + " right" : ""));
    }

    private void confusion(Network net, String sp) {
        Dataset d = s.fittedSplit(sp);
        if (!d.labeled()) throw new UserError("predict " + sp + ": " + sp + " has no labels; 'export kaggle' writes its predictions");
        int[] pred = new int[d.n];
        Network.Result r = s.evaluate(d, pred);
        int k = net.outputs();
        int[][] counts = new int[k][k];
        for (int i = 0; i < d.n; i++) if (d.y[i] < k) counts[d.y[i]][pred[i]]++;
        show(Confusion.render(counts, s.style()));
        out().println(sp + " loss: " + Fmt.f4(r.loss));
        out().println(sp + " accuracy: " + Fmt.f4(r.accuracy));
    }

    private void picture(Network net, Path file) {
        if (!Files.exists(file)) {
            throw new UserError("predict " + what + ": no such file; expected an image index or a picture (" + DigitImage.EXTENSIONS + ")");
        }
        if (split != null) throw new UserError("predict " + what + ": --split is for image numbers, not files");
        int side = (int) Math.round(Math.sqrt(net.inputs()));
        if (side * side != net.inputs()) {
            throw new UserError("predict " + what + ": the network takes " + net.inputs() + " inputs, not a square image; expected 784 (28x28) or 64 (8x8)");
        }
        DigitImage.Gray g = DigitImage.read(file);
        DigitImage.Prepared img;
        try {
            img = DigitImage.prepare(g, side);
        } catch (UserError e) {
            throw new UserError(file + ": " + e.getMessage());
        }
        double[] p = net.predict(img.pixels, 0);
        int best = nnsh.core.Ops.argmax(p, 0, p.length);
        out().println(file + ": predicted " + best + " (" + Fmt.pct(p[best]) + ")");
        out().println("  " + g.width + "x" + g.height + " picture, " + (img.inverted ? "dark ink on light (inverted)" : "light ink on dark")
                + ", ink " + img.inkWidth + "x" + img.inkHeight + " scaled into " + side + "x" + side + ":");
        show(imageBesideBars(img.pixels, 0, side, side, p, -1));
    }
}
