package nnsh.shell;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Locale;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import nnsh.UserError;
import nnsh.data.Bundled;
import nnsh.data.CsvData;
import nnsh.data.Dataset;
import nnsh.data.Idx;
import nnsh.io.UserFiles;

@Command(name = "load", description = "Load data (mnist, digits, fashion, CSV, IDX) or a saved model.",
        footer = {"", "Examples:",
                "  load                       the bundled MNIST: 60,000 train and 10,000 test images",
                "  load mnist --limit 42000   the first 42,000 training images (Kaggle's train.csv)",
                "  load digits                the 8x8 digits: 1,797 images, no test set",
                "                             (hold one out with 'split test 20%%')",
                "  load train.csv --test test.csv",
                "                             Kaggle's CSV files; the layout is found from the content",
                "  load images.idx --labels labels.idx",
                "  load model mnist.nnm       a model written by 'save' (network, optimizer,",
                "                             position, history); 'train' then continues",
                "                             exactly where the saved session stopped",
                "  load npy weights/          W1.npy, b1.npy, ... as 'export npy' writes them,",
                "                             into the current network of the same sizes",
                "                             (the optimizer's moments start afresh)"})
public final class LoadCmd extends Cmd {
    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME|FILE", description = "mnist, digits, fashion, or a .csv/.csv.gz/IDX file")
    String what;

    @Parameters(index = "1", arity = "0..1", paramLabel = "FILE", description = "after 'model': the model file; after 'npy': the directory")
    Path file;

    @Option(names = "--labels", paramLabel = "FILE", description = "IDX label file for an IDX image file")
    Path labels;

    @Option(names = "--test", paramLabel = "FILE", description = "also load this file as the test set")
    Path testFile;

    @Option(names = "--test-labels", paramLabel = "FILE", description = "IDX label file for --test")
    Path testLabels;

    @Option(names = "--limit", paramLabel = "N", description = "keep only the first N training images")
    Integer limit;

    @Option(names = "--scale", paramLabel = "S", description = "divide pixels by S (default 255, or 16 for 8x8 images)")
    double scale;

    public LoadCmd(Session s) {
        super(s);
    }

    @Override
    protected void run() {
        if (scale < 0 || Double.isNaN(scale)) throw new UserError("--scale " + nnsh.nn.Optimizer.fmt(scale) + ": expected a positive number");
        String name = what == null ? "mnist" : what;
        if (name.equalsIgnoreCase("model") && !(file == null && Files.exists(Paths.get(name)))) {
            if (file == null) throw new UserError("load model: expected a FILE, e.g. 'load model mnist.nnm'");
            new ModelLoader(s).load(file);
            return;
        }
        if (name.equalsIgnoreCase("npy") && !(file == null && Files.exists(Paths.get(name)))) {
            if (file == null) throw new UserError("load npy: expected a DIR holding W1.npy, b1.npy, ..., e.g. 'load npy weights/'");
            loadNpy(file);
            return;
        }
        if (file != null) throw new UserError("load: unexpected '" + file + "'; expected one data set or file (or 'load model FILE')");
        Dataset tr, te;
        String desc;
        boolean bundled = Bundled.NAMES.contains(name.toLowerCase(Locale.ROOT)) && !Files.exists(Paths.get(name)); // a file of that name wins
        if (bundled) {
            Bundled.Pair p = Bundled.load(name, scale);
            tr = p.train;
            te = p.test;
            desc = p.description;
        } else {
            Path f = Paths.get(name);
            String[] layout = new String[1];
            tr = readFile(f, labels, "train", layout);
            desc = f.getFileName() + " (" + layout[0] + ")";
            te = null;
        }
        if (testFile != null) {
            String[] layout = new String[1];
            te = readFile(testFile, testLabels, "test", layout);
            desc += "; test: " + testFile.getFileName() + " (" + layout[0] + ")";
            if (te.features != tr.features) {
                throw new UserError(testFile + ": images of " + te.shape() + " pixels but the training images are " + tr.shape() + "; expected the same size");
            }
        }
        if (limit != null) {
            if (limit < 1) throw new UserError("--limit " + limit + ": expected at least 1");
            if (limit < tr.n) tr = tr.range(0, limit, tr.name);
        }
        s.train = tr;
        s.test = te;
        s.dev = null;
        s.dataDescription = desc;
        s.dataName = bundled ? name.toLowerCase(Locale.ROOT) : String.valueOf(Paths.get(name).getFileName());
        s.dataChanged();
        out().println("loaded " + desc);
        out().println("  train: " + Fmt.count(tr.n) + " images " + tr.shape() + (tr.labeled() ? "" : " (no labels)"));
        if (te != null) out().println("  test:  " + Fmt.count(te.n) + " images " + te.shape() + (te.labeled() ? "" : " (no labels)"));
        if (s.net != null && s.net.inputs() != tr.features) {
            out().println("note: the current network takes " + s.net.inputs() + " inputs, these images have "
                    + tr.features + " pixels; 'init' a new network before training");
        }
    }

    private void loadNpy(Path dir) {
        nnsh.nn.Network net = s.net;
        if (net == null) {
            throw new UserError("load npy: no network yet; create one of the same sizes first with 'init' (the files do not say the activations)");
        }
        double[][] arrays = nnsh.io.WeightsDir.read(dir, net);
        for (int l = 0; l < net.depth(); l++) {
            var d = net.layer(l);
            System.arraycopy(arrays[2 * l], 0, d.w, 0, d.w.length);
            System.arraycopy(arrays[2 * l + 1], 0, d.b, 0, d.b.length);
        }
        s.trainer.optimizer.reset();
        out().println("loaded " + (2 * net.depth()) + " arrays from " + dir + " into " + net.spec() + "; optimizer moments reset");
    }

    private Dataset readFile(Path f, Path labelFile, String role, String[] layout) {
        UserFiles.checkFile(f, "a CSV or IDX file", "no such file (or data set name; expected mnist, digits or fashion)");
        String fn = f.getFileName().toString().toLowerCase(Locale.ROOT);
        if (fn.endsWith(".csv") || fn.endsWith(".csv.gz") || fn.endsWith(".txt")) {
            CsvData.Result r = CsvData.read(role, f, scale);
            layout[0] = r.layout;
            return r.data;
        }
        if (fn.endsWith(".npy")) throw new UserError(f + ": is a NumPy array, not data; weights go in with 'load npy DIR'");
        if (ModelLoader.isModel(f)) throw new UserError(f + ": is an nnsh model, not data; load it with 'load model " + f + "'");
        layout[0] = labelFile == null ? "IDX, no labels" : "IDX with labels from " + labelFile.getFileName();
        return Idx.read(role, f, labelFile, scale);
    }
}
