package nnsh.shell;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import nnsh.UserError;
import nnsh.data.Dataset;
import nnsh.io.Kaggle;
import nnsh.io.Npy;
import nnsh.io.WeightsDir;
import nnsh.nn.Network;

@Command(name = "export", description = "Write weights as NumPy .npy files, or a Kaggle submission CSV.",
        footer = {"", "What to export:",
                "  npy DIR      W1.npy, b1.npy, W2.npy, ... into DIR (created if missing),",
                "               float64 in the tutorials' shapes: W1 is n1 x n0, b1 is n1 x 1",
                "  kaggle FILE  the predicted digit of each test image (or --split) as",
                "               Kaggle's Digit Recognizer wants it: ImageId,Label, with",
                "               ImageId counting from 1",
                "Files are written to a temporary name and then renamed, so an interrupted",
                "export leaves the old file intact. An existing file of another kind is",
                "kept unless --force.",
                "", "Examples:",
                "  export npy weights/           in Python: numpy.load('weights/W1.npy')",
                "  load train.csv --test test.csv; init 784-100-10; train --epochs 5",
                "  export kaggle submission.csv  upload it to kaggle.com/c/digit-recognizer",
                "  export kaggle dev.csv --split dev"})
public final class ExportCmd extends Cmd {
    @Parameters(index = "0", paramLabel = "WHAT", description = "npy or kaggle")
    String what;

    @Parameters(index = "1", paramLabel = "DIR|FILE", description = "the directory (npy) or the CSV file (kaggle)")
    Path target;

    @Option(names = "--split", paramLabel = "S", description = "kaggle: which images to predict: test (default), dev or train")
    String split = "test";

    @Option(names = "--force", description = "replace files that are not of the kind written")
    boolean force;

    public ExportCmd(Session s) {
        super(s);
    }

    @Override
    protected void run() {
        switch (what.toLowerCase(Locale.ROOT)) {
            case "npy": case "numpy": npy(); break;
            case "kaggle": case "submission": kaggle(); break;
            default: throw new UserError("export " + what + ": expected npy or kaggle (see 'help export')");
        }
    }

    private void npy() {
        Network net = s.requireNet();
        if (!force) {
            for (String n : WeightsDir.names(net)) IoChecks.refuseToClobber(target.resolve(n), Npy.MAGIC, "a .npy file");
        }
        List<Path> files = WeightsDir.export(target, net);
        StringBuilder sb = new StringBuilder();
        for (int l = 0; l < net.depth(); l++) {
            var d = net.layer(l);
            sb.append(l == 0 ? "" : ", ").append(Fmt.weightName(l, d)).append(", ").append(Fmt.biasName(l, d));
        }
        out().println("wrote " + files.size() + " .npy files (float64) to " + target + ": " + sb);
    }

    private void kaggle() {
        Network net = s.requireNet();
        Dataset d = s.fittedSplit(split);
        // The first line of a submission, as Kaggle.FORMAT writes it: ImageId,Label.
        String header = String.join(Kaggle.FORMAT.getDelimiterString(), Kaggle.FORMAT.getHeader());
        if (!force) IoChecks.refuseToClobber(target, header.getBytes(java.nio.charset.StandardCharsets.US_ASCII), "a Kaggle submission");
        int[] pred = new int[d.n];
        var r = s.evaluate(d, pred);
        Kaggle.writeSubmission(target, pred);
        int[] counts = new int[net.outputs()];
        for (int p : pred) counts[p]++;
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < counts.length; k++) sb.append(k == 0 ? "" : " ").append(k).append(':').append(counts[k]);
        out().println("wrote " + Fmt.count(d.n) + " predictions of " + split + " to " + target + " (" + header + "; ImageId 1 to " + d.n + ")"
                + (d.labeled() ? "; accuracy " + Fmt.pct(r.accuracy) : ""));
        out().println("  predicted digits " + sb);
    }
}
