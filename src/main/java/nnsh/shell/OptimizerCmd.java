package nnsh.shell;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import nnsh.UserError;
import nnsh.nn.Optimizer;

@Command(name = "optimizer", description = "The update rule and its constants: gd, momentum, rmsprop, adam.",
        footer = {"", "Examples:", "  optimizer gd --lr 0.1              the tutorials' gradient descent",
                "  optimizer adam --lr 0.001          Keras's Adam (beta1 0.9, beta2 0.999)",
                "  optimizer momentum --beta 0.9",
                "  optimizer                          show the current one",
                "The batch size is set apart: 'set batch 64' (mini-batches) or 'set batch full'.",
                "Switching to another kind starts its moments afresh; changing a constant keeps",
                "them."})
public final class OptimizerCmd extends Cmd {
    @Parameters(index = "0", arity = "0..1", paramLabel = "KIND", description = "gd (alias sgd), momentum, rmsprop or adam")
    String kind;

    @Option(names = {"--lr", "--alpha"}, paramLabel = "X", description = "learning rate (default 0.1 for gd/momentum, 0.001 otherwise)")
    Double lr;

    @Option(names = "--beta", paramLabel = "B", description = "momentum: v = B v + (1 - B) dW (default 0.9)")
    Double beta;

    @Option(names = "--rho", paramLabel = "R", description = "rmsprop: decay of the squared-gradient average (default 0.9)")
    Double rho;

    @Option(names = "--beta1", paramLabel = "B1", description = "adam: first-moment decay (default 0.9)")
    Double beta1;

    @Option(names = "--beta2", paramLabel = "B2", description = "adam: second-moment decay (default 0.999)")
    Double beta2;

    @Option(names = "--eps", paramLabel = "E", description = "rmsprop/adam: added to the denominator (default 1e-8)")
    Double eps;

    public OptimizerCmd(Session s) {
        super(s);
    }

    @Override
    protected void run() {
        boolean changedKind = false;
        if (kind != null) {
            Optimizer.Kind k;
            try {
                k = Optimizer.Kind.parse(kind);
            } catch (IllegalArgumentException e) {
                throw new UserError(e.getMessage());
            }
            changedKind = k != s.optimizerKind;
            if (changedKind && lr == null) s.lr = null;
            s.optimizerKind = k;
        }
        if (lr != null) s.lr = positive("--lr", lr);
        if (beta != null) s.constants.beta = fraction("--beta", beta);
        if (rho != null) s.constants.rho = fraction("--rho", rho);
        if (beta1 != null) s.constants.beta1 = fraction("--beta1", beta1);
        if (beta2 != null) s.constants.beta2 = fraction("--beta2", beta2);
        if (eps != null) s.constants.eps = positive("--eps", eps);
        if (s.trainer != null) {
            // Another kind starts its moments afresh; the same kind keeps them and takes the new constants.
            if (changedKind) s.trainer.optimizer = s.newOptimizer();
            else s.trainer.optimizer.setConstants(s.newOptimizer());
            out().println("optimizer " + s.trainer.optimizer.describe());
        } else {
            out().println("optimizer " + s.newOptimizer().describe() + " (for the next 'init')");
        }
    }

    static double positive(String name, double v) {
        if (!(v > 0) || !Double.isFinite(v)) throw new UserError(name + " " + nnsh.nn.Optimizer.fmt(v) + ": expected a positive number");
        return v;
    }

    static double fraction(String name, double v) {
        if (!(v >= 0 && v < 1)) throw new UserError(name + " " + v + ": expected a number in [0, 1)");
        return v;
    }
}
