package nnsh.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import nnsh.UserError;
import nnsh.data.Dataset;
import nnsh.nn.Network;

@Command(name = "eval", description = "Loss and accuracy of the network on train, dev and/or test.",
        footer = {"", "Examples:", "  eval          every set the session has", "  eval test     prints 'test accuracy: 0.8512'"})
public final class EvalCmd extends Cmd {
    @Parameters(arity = "0..*", paramLabel = "SPLIT", description = "train, dev or test (default: all there are)")
    List<String> splits;

    public EvalCmd(Session s) {
        super(s);
    }

    @Override
    protected void run() {
        s.requireNet();
        List<String> names = splits;
        if (names == null || names.isEmpty()) {
            names = new ArrayList<>();
            s.requireTrain();
            names.add("train");
            if (s.dev != null) names.add("dev");
            if (s.test != null && s.test.labeled()) names.add("test");
        }
        for (String name : names) {
            Dataset d = s.split(name);
            if (!d.labeled()) throw new UserError(name + " has no labels, so there is no accuracy; 'predict' shows its predictions");
            Network.Result r = s.evaluate(d, null);
            String split = name.toLowerCase(Locale.ROOT);
            out().println(split + " loss: " + Fmt.f4(r.loss) + " (" + Fmt.count(r.correct) + " of " + Fmt.count(r.count) + " right)");
            out().println(split + " accuracy: " + Fmt.f4(r.accuracy));
        }
    }
}
