package nnsh.shell;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import nnsh.UserError;
import nnsh.data.Dataset;
import nnsh.io.DigitImage;
import nnsh.nn.Network;

@Command(name = "predict", description = "Predict the digit in image N (of train, dev or test) or in a picture file.",
        footer = {"", "A picture (" + DigitImage.EXTENSIONS + ") is prepared as MNIST was:",
                "made gray, inverted if the ink is dark on light paper, cropped to the ink,",
                "scaled into a 20x20 box keeping its shape, and centered by its center of",
                "mass in 28x28 (for 8x8 networks: a 6x6 box in 8x8). The prepared image",
                "is shown next to the ten probabilities: what the network was given.",
                "", "Examples:", "  predict 0               image 0 of the test set (or train when there is none)",
                "  predict 12 --split dev",
                "  predict my-seven.png    a digit you drew or photographed, one digit",
                "                          filling most of the picture",
                "  predict scan.pgm        PGM (P2 or P5) works too"})
public final class PredictCmd extends Cmd {
    @Parameters(index = "0", arity = "0..1", paramLabel = "N|FILE", description = "image index (default 0), or a picture file")
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
            picture(net, Paths.get(what));
            return;
        }
        String sp = split != null ? split : s.test != null ? "test" : "train";
        Dataset d = s.split(sp);
        s.checkFit(net, d);
        int i = index;
        if (i < 0 || i >= d.n) throw new UserError("predict " + i + ": " + sp + " has images 0 to " + (d.n - 1));
        double[] p = net.predict(d.x, i * d.features);
        int best = nnsh.core.Ops.argmax(p, 0, p.length);
        s.lastPrediction = new Session.Prediction(sp, i, p.clone(), best, d.label(i));
        out().println(sp + " image " + i + ": predicted " + best + (d.labeled() ? ", label " + d.y[i] + (d.y[i] == best ? " (right)" : " (wrong)") : ""));
        for (int k = 0; k < p.length; k++) out().println(probabilityLine(p, k, best));
    }

    private static String probabilityLine(double[] p, int k, int best) {
        int bar = (int) Math.round(p[k] * 40);
        return String.format("  %d %6s %s%s", k, Fmt.pct(p[k]), "#".repeat(bar), k == best ? "  <" : "");
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
        String ramp = " .:-=+*#%@";
        int first = Math.max(0, (side - p.length) / 2);
        int rows = Math.max(side, p.length);
        for (int r = 0; r < rows; r++) {
            StringBuilder sb = new StringBuilder("  |");
            for (int c = 0; c < side; c++) {
                if (r >= side) {
                    sb.append("  ");
                    continue;
                }
                double v = img.pixels[r * side + c];
                char ch = ramp.charAt((int) Math.min(ramp.length() - 1, Math.max(0, v * ramp.length())));
                sb.append(ch).append(ch);
            }
            sb.append(r < side ? "|" : " ");
            int k = r - first;
            if (k >= 0 && k < p.length) sb.append(probabilityLine(p, k, best));
            out().println(sb.toString().replaceAll("\\s+$", ""));
        }
    }
}
