package nnsh.shell;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import nnsh.UserError;
import nnsh.core.Rng;
import nnsh.nn.Activation;
import nnsh.nn.Init;
import nnsh.nn.Loss;
import nnsh.nn.Network;
import nnsh.nn.Trainer;

@Command(name = "init", description = "Create a network with fresh weights, e.g. init 784-10-10.",
        footer = {"", "Layer sizes are joined by '-': input, hidden..., output. The input must match",
                "the images (784 for 28x28, 64 for 8x8) and the output the 10 digits.",
                "", "Examples:",
                "  init 784-10-10 --init uniform    the tutorials' network: ReLU, softmax,",
                "                                   weights uniform in [-0.5, 0.5)",
                "  init 784-1000-10 --init glorot   Keras's default initializer",
                "  init 64-64-16-10 --hidden tanh",
                "  init 784-30-10 --hidden sigmoid --output sigmoid --loss mse",
                "Defaults: --hidden relu, --output softmax, --loss ce (mse for an identity",
                "output), --init he for relu/leaky hidden layers and glorot otherwise,",
                "--seed the session seed."})
public final class InitCmd extends Cmd {
    @Parameters(index = "0", paramLabel = "SIZES", description = "layer sizes, e.g. 784-10-10")
    String spec;

    @Option(names = "--hidden", paramLabel = "ACT[,ACT...]", split = ",",
            description = "hidden activations: relu, leaky, sigmoid, tanh, identity (one, or one per hidden layer)")
    String[] hidden;

    @Option(names = "--output", paramLabel = "ACT", description = "output activation: softmax, sigmoid or identity")
    String output;

    @Option(names = "--loss", paramLabel = "LOSS", description = "ce (cross-entropy) or mse (squared error)")
    String loss;

    @Option(names = "--init", paramLabel = "KIND", description = "uniform, normal, he or glorot")
    String init;

    @Option(names = "--seed", paramLabel = "S", description = "seed for the weights and the batch order")
    Long seed;

    public InitCmd(Session s) {
        super(s);
    }

    public static int[] parseSizes(String spec) {
        String[] parts = spec.split("-", -1);
        if (parts.length < 2) throw new UserError("layer sizes '" + spec + "': expected at least input and output, like 784-10-10");
        int[] sizes = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (p.isEmpty()) throw new UserError("layer sizes '" + spec + "': layer " + (i + 1) + " is empty; expected a number between the dashes, like 784-10-10");
            try {
                sizes[i] = Integer.parseInt(p);
            } catch (NumberFormatException e) {
                throw new UserError("layer sizes '" + spec + "': '" + p + "' is not a whole number; expected sizes like 784-10-10");
            }
            if (sizes[i] < 1) throw new UserError("layer sizes '" + spec + "': layer " + (i + 1) + " has " + sizes[i] + " units; expected at least 1");
        }
        long params = 0;
        for (int i = 1; i < sizes.length; i++) params += (long) sizes[i - 1] * sizes[i] + sizes[i];
        // Weights, gradients and up to two optimizer moments, plus per-partition gradients.
        long bytes = params * 8L * (4 + 8);
        long avail = Runtime.getRuntime().maxMemory();
        if (params > Integer.MAX_VALUE / 2 || bytes > avail) {
            throw new UserError("layer sizes '" + spec + "': " + Fmt.count(params) + " parameters would need about "
                    + Fmt.count(bytes >> 20) + " MiB for weights, gradients and optimizer state; this JVM has "
                    + Fmt.count(avail >> 20) + " MiB");
        }
        return sizes;
    }

    @Override
    protected void run() {
        int[] sizes = parseSizes(spec);
        Activation out;
        Activation[] hid;
        Loss l;
        Init in;
        try {
            out = output == null ? Activation.SOFTMAX : Activation.parse(output);
            if (!out.outputAllowed()) {
                throw new UserError("--output " + output + ": expected softmax, sigmoid or identity");
            }
            String[] h = hidden == null ? new String[] {"relu"} : hidden;
            hid = new Activation[h.length];
            for (int i = 0; i < h.length; i++) {
                hid[i] = Activation.parse(h[i]);
                if (!hid[i].hiddenAllowed()) throw new UserError("--hidden " + h[i] + ": softmax is for the output layer; expected relu, leaky, sigmoid, tanh or identity");
            }
            int nHidden = sizes.length - 2;
            if (hid.length > 1 && hid.length != nHidden) {
                throw new UserError("--hidden gives " + hid.length + " activations for " + nHidden + " hidden layers; give one, or one per hidden layer");
            }
            l = loss == null ? (out == Activation.IDENTITY ? Loss.SQUARED_ERROR : Loss.CROSS_ENTROPY) : Loss.parse(loss);
            String bad = Loss.checkPair(out, l);
            if (bad != null) throw new UserError(bad);
            boolean reluLike = hid[0] == Activation.RELU || hid[0] == Activation.LEAKY_RELU;
            in = init == null ? (reluLike ? Init.HE : Init.GLOROT) : Init.parse(init);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
        if (s.train != null && s.train.features != sizes[0]) {
            throw new UserError("layer sizes '" + spec + "': the input layer has " + sizes[0] + " units but the images have "
                    + s.train.features + " pixels (" + s.train.shape() + "); expected " + s.train.features + "-...");
        }
        int outputs = sizes[sizes.length - 1], classes = s.train == null ? 0 : s.train.classes();
        if (classes > outputs) {
            throw new UserError("layer sizes '" + spec + "': the output layer has " + outputs + " units but the labels go up to "
                    + (classes - 1) + "; expected ...-" + classes);
        }
        if (seed != null) s.seed = seed;
        Network net = Network.build(sizes, hid, out, l);
        net.initialize(in, new Rng(s.seed));
        s.net = net;
        s.trainer = new Trainer(net, s.newOptimizer(), s.seed);
        out().println("network " + net.spec() + ": " + String.join(", ", Fmt.activationIds(net)) + "; loss " + l.id + "; init " + in.id + " (seed " + s.seed + "); "
                + Fmt.count(net.parameterCount()) + " parameters");
        out().println("optimizer " + s.trainer.optimizer.describe() + ", batch " + Session.batchName(s.batch));
    }
}
