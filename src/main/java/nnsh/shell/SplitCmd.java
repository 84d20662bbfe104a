package nnsh.shell;

import java.util.Locale;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import nnsh.UserError;
import nnsh.data.Dataset;
import nnsh.data.Splits;

@Command(name = "split", description = "Hold out part of the training images as a dev (or test) set.",
        footer = {"", "Examples:", "  split dev 1000     hold out 1,000 images as the dev set, as the tutorials do",
                "  split test 20%%     for a data set without a test set (the 8x8 digits)",
                "The images held out are chosen by a seeded shuffle (--seed, or the session",
                "seed), so the same seed holds out the same images."})
public final class SplitCmd extends Cmd {
    @Parameters(index = "0", paramLabel = "dev|test", description = "which set to make")
    String which;

    @Parameters(index = "1", paramLabel = "N|P%", description = "how many images: a count or a percentage")
    String amount;

    @Option(names = "--seed", paramLabel = "S", description = "seed for the shuffle (default: the session seed)")
    Long seed;

    public SplitCmd(Session s) {
        super(s);
    }

    @Override
    protected void run() {
        Dataset tr = s.requireTrain();
        String w = which.toLowerCase(Locale.ROOT);
        if (!w.equals("dev") && !w.equals("test")) throw new UserError("split " + which + ": expected 'dev' or 'test'");
        if (w.equals("test") && s.test != null) {
            throw new UserError("there is a test set already (" + Fmt.count(s.test.n) + " images); hold out a dev set with 'split dev N'");
        }
        if (w.equals("dev") && s.dev != null) {
            throw new UserError("there is a dev set already (" + Fmt.count(s.dev.n) + " images); 'load' again to start over");
        }
        int n = Splits.parseCount(amount, tr.n);
        Splits.Split sp = Splits.holdOut(tr, n, seed != null ? seed : s.seed, tr.name, w);
        s.train = sp.kept;
        if (w.equals("dev")) s.dev = sp.heldOut;
        else s.test = sp.heldOut;
        s.dataChanged();
        out().println("split: train " + Fmt.count(s.train.n) + ", " + w + " " + Fmt.count(sp.heldOut.n)
                + (s.test != null && w.equals("dev") ? ", test " + Fmt.count(s.test.n) : ""));
    }
}
