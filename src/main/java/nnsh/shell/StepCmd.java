package nnsh.shell;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import nnsh.UserError;
import nnsh.core.Ops;
import nnsh.nn.Dense;
import nnsh.nn.Network;
import nnsh.nn.Trainer;

@Command(name = "step", description = "Run one iteration (or N) and show what it did, layer by layer.",
        footer = {"", "For each iteration: the loss and accuracy on its batch before and after the",
                "update. For each layer: |dW| (the gradient's size), |update| (how far W moved:",
                "lr x |dW| for plain gradient descent) and |W| (the weights' size), all as",
                "Frobenius norms (square root of the sum of squares, biases included). An",
                "update/|W| near 0.001 to 0.01 is typical; far larger means lr is too big.",
                "", "Examples:", "  step        one iteration", "  step 5      five, one line each, then the layer table of the last"})
public final class StepCmd extends Cmd {
    @Parameters(index = "0", arity = "0..1", paramLabel = "N", description = "iterations (default 1)")
    Integer count;

    public StepCmd(Session s) {
        super(s);
    }

    @Override
    protected void run() {
        int n = count == null ? 1 : count;
        if (n < 1) throw new UserError("step " + n + ": expected at least 1");
        Trainer t = s.readyTrainer();
        Network net = t.net;
        int L = net.depth();
        // W and b as they were before the latest iteration: the table is for the last one only.
        double[][] before = new double[L * 2][];
        for (int l = 0; l < L; l++) {
            before[2 * l] = new double[net.layer(l).w.length];
            before[2 * l + 1] = new double[net.layer(l).b.length];
        }
        double[] grad = new double[L], upd = new double[L], norm = new double[L];
        s.interrupted = false;
        int done = 0;
        for (int i = 0; i < n && !s.interrupted; i++, done++) {
            for (int l = 0; l < L; l++) {
                Dense d = net.layer(l);
                System.arraycopy(d.w, 0, before[2 * l], 0, d.w.length);
                System.arraycopy(d.b, 0, before[2 * l + 1], 0, d.b.length);
            }
            Network.Result r;
            try {
                r = t.step(s.workers());
            } catch (Trainer.NonFiniteException e) {
                throw new UserError("step stopped: " + e.getMessage() + "; no update was made; try a smaller learning rate");
            }
            Network.Result after = t.evaluateLastBatch(s.workers());
            String batch = t.fullBatch() ? "full batch of " + Fmt.count(t.lastBatchSize()) : "batch of " + Fmt.count(t.lastBatchSize());
            out().println("iteration " + t.iteration() + " (epoch " + t.epoch() + ", " + batch + "):  loss "
                    + Fmt.f4(r.loss) + " -> " + Fmt.f4(after.loss) + "   accuracy " + Fmt.f4(r.accuracy) + " -> " + Fmt.f4(after.accuracy));
        }
        if (done < n) out().println("interrupted after " + Fmt.count(done) + " of " + Fmt.count(n) + " iterations; the table is for the last one");
        // Evaluating the batch changes neither W, b nor dW, db: the norms of the last iteration, taken once.
        // None ran (Ctrl-C before the first): the table keeps its zeros, as it always has.
        if (done > 0) {
            for (int l = 0; l < L; l++) {
                Dense d = net.layer(l);
                grad[l] = Math.sqrt(Ops.sumSquares(d.dw.length, d.dw, 0) + Ops.sumSquares(d.db.length, d.db, 0));
                upd[l] = Math.sqrt(diff2(d.w, before[2 * l]) + diff2(d.b, before[2 * l + 1]));
                norm[l] = Math.sqrt(Ops.sumSquares(d.w.length, d.w, 0) + Ops.sumSquares(d.b.length, d.b, 0));
            }
        }
        nnsh.render.Table table = new nnsh.render.Table("layer", "|dW|", "|update|", "|W|", "update/|W|");
        for (int l = 0; l < L; l++) {
            Dense d = net.layer(l);
            table.row(Fmt.weightName(l, d) + " " + d.activation.id, Fmt.g(grad[l]), Fmt.g(upd[l]),
                    Fmt.g(norm[l]), Fmt.g(norm[l] == 0 ? Double.NaN : upd[l] / norm[l]));
        }
        show(table.render(s.style()));
    }

    private static double diff2(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            double d = a[i] - b[i];
            s += d * d;
        }
        return s;
    }
}
