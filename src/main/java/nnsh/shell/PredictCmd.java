package nnsh.shell;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import nnsh.UserError;
import nnsh.data.Dataset;
import nnsh.nn.Network;

@Command(name = "predict", description = "Predict the digit in image N and show the probabilities.",
        footer = {"", "Examples:", "  predict 0               image 0 of the test set (or train when there is none)",
                "  predict 12 --split dev"})
public final class PredictCmd extends Cmd {
    @Parameters(index = "0", arity = "0..1", paramLabel = "N", description = "image index (default 0)")
    Integer index;

    @Option(names = "--split", paramLabel = "S", description = "train, dev or test (default: test if there is one, else train)")
    String split;

    public PredictCmd(Session s) {
        super(s);
    }

    @Override
    protected void run() {
        Network net = s.requireNet();
        String sp = split != null ? split : s.test != null ? "test" : "train";
        Dataset d = s.split(sp);
        s.checkFit(net, d);
        int i = index == null ? 0 : index;
        if (i < 0 || i >= d.n) throw new UserError("predict " + i + ": " + sp + " has images 0 to " + (d.n - 1));
        double[] p = net.predict(d.x, i * d.features);
        int best = nnsh.core.Ops.argmax(p, 0, p.length);
        out().println(sp + " image " + i + ": predicted " + best + (d.labeled() ? ", label " + d.y[i] + (d.y[i] == best ? " (right)" : " (wrong)") : ""));
        for (int k = 0; k < p.length; k++) {
            int bar = (int) Math.round(p[k] * 40);
            out().println(String.format("  %d %6s %s%s", k, Fmt.pct(p[k]), "#".repeat(bar), k == best ? "  <" : ""));
        }
    }
}
