package nnsh.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import nnsh.UserError;
import nnsh.nn.Activation;
import nnsh.nn.Dense;
import nnsh.nn.History;
import nnsh.nn.Init;
import nnsh.nn.Loss;
import nnsh.nn.Network;
import nnsh.nn.Optimizer;
import nnsh.nn.Trainer;

/**
 * The nnsh model file, version 1: the network, its parameters, the optimizer's state, the position
 * of training and its history, so that training resumes exactly where it stopped. Little-endian
 * throughout, every section 8-byte aligned, a SHA-256 of everything before it at the end.
 * docs/model-format.md describes it byte by byte.
 */
public final class ModelFile {
    private ModelFile() {}

    /** "\x89NNSH\r\n\x1a": not text, and mangled by text-mode copies (the PNG trick). */
    public static final byte[] MAGIC = {(byte) 0x89, 'N', 'N', 'S', 'H', '\r', '\n', 0x1A};
    public static final int VERSION = 1;
    static final int DIGEST_BYTES = 32;
    static final int MAX_LAYERS = 1024;
    static final int MAX_UNITS = 1 << 24;

    // Codes in the file. Fixed here, independent of the order of the Java enums.
    static final Activation[] ACTIVATIONS = {Activation.RELU, Activation.LEAKY_RELU, Activation.SIGMOID,
            Activation.TANH, Activation.SOFTMAX, Activation.IDENTITY};
    static final Loss[] LOSSES = {Loss.CROSS_ENTROPY, Loss.SQUARED_ERROR};
    /** Code 0 = not recorded. */
    static final Init[] INITS = {null, Init.UNIFORM, Init.NORMAL, Init.HE, Init.GLOROT};
    static final Optimizer.Kind[] OPTIMIZERS = {Optimizer.Kind.GD, Optimizer.Kind.MOMENTUM,
            Optimizer.Kind.RMSPROP, Optimizer.Kind.ADAM};

    /**
     * What a model file holds, rebuilt into fresh objects (nothing shared with a session). The
     * trainer carries the position: its batchSize() (0 = full batch) and examples(), the training
     * examples the position refers to (0 if training had not started), until data is set.
     */
    public static final class Model {
        public final Network net;
        public final Trainer trainer;

        Model(Network net, Trainer trainer) {
            this.net = net;
            this.trainer = trainer;
        }
    }

    // ------------------------------------------------------------------ writing

    /**
     * Saves atomically. batch is the batch size the session trains with; the cursor is saved only
     * when the trainer walks batches of that size (otherwise the next 'train' would start the epoch
     * afresh anyway). Returns the number of bytes written.
     */
    public static long save(Path file, Network net, Trainer trainer, int batch) {
        byte[] bytes = encode(net, trainer, batch);
        AtomicFile.write(file, out -> out.write(bytes));
        return bytes.length;
    }

    public static byte[] encode(Network net, Trainer trainer, int batch) {
        List<Dense> layers = net.layers();
        int L = layers.size();
        Optimizer opt = trainer.optimizer;
        double[][] first = opt.firstMoments(), second = opt.secondMoments();
        boolean state = first != null && first.length == 2 * L;
        boolean hasFirst = opt.kind != Optimizer.Kind.GD, hasSecond = opt.kind == Optimizer.Kind.ADAM;
        long params = net.parameterCount();
        History h = trainer.history;
        int n = h.size();
        long len = headerBytes(L) + params * 8
                + OPTIMIZER_FIXED + (state ? params * 8 * ((hasFirst ? 1 : 0) + (hasSecond ? 1 : 0)) : 0)
                + TRAINING_BYTES + 8 + 32L * n + DIGEST_BYTES;
        if (len > Integer.MAX_VALUE - 64) {
            throw new UserError("the model would take " + (len >> 20) + " MiB; models over 2 GiB cannot be saved");
        }
        ByteBuffer b = ByteBuffer.allocate((int) len).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC);
        b.putInt(VERSION);
        b.putInt(0);
        b.putLong(len);
        b.putInt(L);
        for (int s : net.sizes()) b.putInt(s);
        for (Dense d : layers) b.putInt(code(ACTIVATIONS, d.activation));
        b.putInt(code(LOSSES, net.loss));
        b.putInt(net.init == null ? 0 : code(INITS, net.init));
        pad(b);
        for (Dense d : layers) {
            putDoubles(b, d.w);
            putDoubles(b, d.b);
        }
        b.putInt(code(OPTIMIZERS, opt.kind));
        b.putInt(state ? 1 : 0);
        b.putDouble(opt.lr).putDouble(opt.beta).putDouble(opt.rho).putDouble(opt.beta1).putDouble(opt.beta2).putDouble(opt.eps);
        b.putLong(opt.t);
        if (state) {
            if (hasFirst) for (double[] a : first) putDoubles(b, a);
            if (hasSecond) for (double[] a : second) putDoubles(b, a);
        }
        boolean sameBatch = batch == trainer.batchSize();
        b.putLong(trainer.iteration());
        b.putLong(trainer.epoch());
        b.putLong(trainer.seed());
        b.putInt(sameBatch ? trainer.cursor() : 0);
        b.putInt(Math.max(0, batch));
        b.putInt(trainer.examples());
        b.putInt(0);
        b.putLong(n);
        for (long v : h.iterations()) b.putLong(v);
        putDoubles(b, h.losses());
        putDoubles(b, h.accuracies());
        putDoubles(b, h.devAccuracies());
        byte[] bytes = b.array();
        b.put(sha256(bytes, 0, b.position()));
        if (b.position() != len) throw new IllegalStateException("model size " + b.position() + " != " + len);
        return bytes;
    }

    static final int OPTIMIZER_FIXED = 4 + 4 + 6 * 8 + 8;
    static final int TRAINING_BYTES = 8 + 8 + 8 + 4 + 4 + 4 + 4;

    static long headerBytes(int layers) {
        long h = 8 + 4 + 4 + 8 + 4 + 4L * (layers + 1) + 4L * layers + 4 + 4;
        return (h + 7) & ~7L;
    }

    private static void pad(ByteBuffer b) {
        while ((b.position() & 7) != 0) b.put((byte) 0);
    }

    private static void putDoubles(ByteBuffer b, double[] a) {
        b.asDoubleBuffer().put(a);
        b.position(b.position() + a.length * 8);
    }

    private static <T> int code(T[] table, T v) {
        for (int i = 0; i < table.length; i++) if (table[i] == v) return i;
        throw new IllegalArgumentException("no file code for " + v);
    }

    static byte[] sha256(byte[] a, int off, int len) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(a, off, len);
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // ------------------------------------------------------------------ reading

    /** Reads and checks a model file; any problem is a one-line UserError naming the file. */
    public static Model load(Path file) {
        String expected = "a model file written by 'save'";
        UserFiles.checkFile(file, expected, "no such file; expected " + expected);
        return decode(UserFiles.readAll(file, "not an nnsh model (models are under 2 GiB)"), file.toString());
    }

    public static Model decode(byte[] bytes, String name) {
        String prefix = name + ": ";
        if (!FileKind.startsWith(bytes, MAGIC)) {
            throw new UserError(prefix + "not an nnsh model (" + FileKind.describe(bytes)
                    + "); expected a model file written by 'save'");
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        // The version first, as soon as it is there: a newer file is told as newer, not as truncated.
        if (bytes.length >= 12) {
            int version = b.getInt(8);
            if (version != VERSION) {
                throw new UserError(prefix + "model format version " + Integer.toUnsignedString(version)
                        + "; this nnsh reads version " + VERSION + " (saved by a " + (Integer.compareUnsigned(version, VERSION) > 0 ? "newer" : "different") + " nnsh?)");
            }
        }
        if (bytes.length < 24) throw new UserError(prefix + "truncated: " + bytes.length + " bytes; an nnsh model has at least 24 bytes of header");
        b.position(12);
        int flags = b.getInt();
        long declared = b.getLong();
        if (declared != bytes.length) {
            if (bytes.length < declared) {
                throw new UserError(prefix + "truncated: " + bytes.length + " bytes, expected " + declared
                        + " (an interrupted copy or download?)");
            }
            throw new UserError(prefix + (declared < 24 ? "corrupted: the length field says " + declared + " bytes"
                    : bytes.length - declared + " unexpected bytes after the end of the model") + "; expected exactly " + declared + " bytes");
        }
        byte[] want = sha256(bytes, 0, bytes.length - DIGEST_BYTES);
        if (!Arrays.equals(want, Arrays.copyOfRange(bytes, bytes.length - DIGEST_BYTES, bytes.length))) {
            throw new UserError(prefix + "corrupted: the SHA-256 checksum does not match the content; expected the bytes 'save' wrote");
        }
        if (flags != 0) throw new UserError(prefix + "unknown flags 0x" + Integer.toHexString(flags) + "; expected 0 (saved by a newer nnsh?)");
        try {
            return parse(b, bytes.length - DIGEST_BYTES, prefix);
        } catch (Bad e) {
            throw new UserError(prefix + e.getMessage());
        }
    }

    /** A value in a file whose checksum is right but whose content is not a valid model. */
    private static final class Bad extends Exception {
        Bad(String m) {
            super(m, null, false, false);
        }
    }

    private static void need(ByteBuffer b, int end, long bytes, String what) throws Bad {
        if (bytes < 0 || b.position() + bytes > end) {
            throw new Bad("inconsistent: " + what + " needs " + bytes + " bytes at offset " + b.position()
                    + " but the content ends at " + end + "; expected a model written by 'save'");
        }
    }

    private static Model parse(ByteBuffer b, int end, String prefix) throws Bad {
        need(b, end, 4, "the layer count");
        int L = b.getInt();
        if (L < 1 || L > MAX_LAYERS) throw new Bad("has " + Integer.toUnsignedString(L) + " layers; expected 1 to " + MAX_LAYERS);
        need(b, end, headerBytes(L) - b.position(), "the header");
        int[] sizes = new int[L + 1];
        long params = 0;
        for (int i = 0; i <= L; i++) {
            sizes[i] = b.getInt();
            if (sizes[i] < 1 || sizes[i] > MAX_UNITS) throw new Bad("layer " + i + " has " + Integer.toUnsignedString(sizes[i]) + " units; expected 1 to " + MAX_UNITS);
            if (i > 0) params += (long) sizes[i - 1] * sizes[i] + sizes[i];
        }
        Activation[] acts = new Activation[L];
        for (int l = 0; l < L; l++) {
            acts[l] = lookup(ACTIVATIONS, b.getInt(), "activation of layer " + (l + 1), "0 to 5");
            if (l < L - 1 && !acts[l].hiddenAllowed()) throw new Bad("hidden layer " + (l + 1) + " has a softmax activation; expected relu, leaky, sigmoid, tanh or identity");
        }
        Loss loss = lookup(LOSSES, b.getInt(), "loss", "0 (ce) or 1 (mse)");
        String pair = Loss.checkPair(acts[L - 1], loss);
        if (pair != null) throw new Bad(pair);
        int initCode = b.getInt();
        if (initCode < 0 || initCode >= INITS.length) throw new Bad("init code " + initCode + "; expected 0 to " + (INITS.length - 1));
        b.position((int) headerBytes(L));
        // Sizes against what is left before allocating anything.
        need(b, end, params * 8, "the parameters (" + params + " doubles)");
        List<Dense> layers = new ArrayList<>();
        for (int l = 0; l < L; l++) {
            Dense d = new Dense(sizes[l], sizes[l + 1], acts[l]);
            getFinite(b, d.w, "W" + (l + 1));
            getFinite(b, d.b, "b" + (l + 1));
            layers.add(d);
        }
        Network net = new Network(layers, loss);
        net.init = INITS[initCode];

        need(b, end, OPTIMIZER_FIXED, "the optimizer");
        Optimizer.Kind kind = lookup(OPTIMIZERS, b.getInt(), "optimizer", "0 (gd), 1 (momentum), 2 (rmsprop) or 3 (adam)");
        int state = b.getInt();
        if (state != 0 && state != 1) throw new Bad("optimizer state flag " + state + "; expected 0 or 1");
        Optimizer opt = new Optimizer(kind, b.getDouble());
        opt.beta = b.getDouble();
        opt.rho = b.getDouble();
        opt.beta1 = b.getDouble();
        opt.beta2 = b.getDouble();
        opt.eps = b.getDouble();
        long t = b.getLong();
        if (!(opt.lr > 0) || !Double.isFinite(opt.lr)) throw new Bad("learning rate " + opt.lr + "; expected a positive number");
        for (double c : new double[] {opt.beta, opt.rho, opt.beta1, opt.beta2}) {
            if (!(c >= 0 && c < 1)) throw new Bad("optimizer constant " + c + "; expected a number in [0, 1)");
        }
        if (!(opt.eps > 0) || !Double.isFinite(opt.eps)) throw new Bad("eps " + opt.eps + "; expected a positive number");
        if (t < 0) throw new Bad("optimizer step count " + t + "; expected 0 or more");
        if (state == 1) {
            int moments = (kind != Optimizer.Kind.GD ? 1 : 0) + (kind == Optimizer.Kind.ADAM ? 1 : 0);
            need(b, end, params * 8 * moments, "the optimizer's moments");
            double[][] first = new double[2 * L][], second = new double[2 * L][];
            if (kind != Optimizer.Kind.GD) readMoments(b, layers, first, "first");
            if (kind == Optimizer.Kind.ADAM) readMoments(b, layers, second, "second");
            opt.setState(first, second, t);
        } else {
            opt.setState(null, null, t);
        }

        need(b, end, TRAINING_BYTES + 8, "the training position");
        long iteration = b.getLong(), epoch = b.getLong(), seed = b.getLong();
        int cursor = b.getInt(), batch = b.getInt(), examples = b.getInt();
        b.getInt();
        if (iteration < 0 || epoch < 0) throw new Bad("iteration " + iteration + ", epoch " + epoch + "; expected 0 or more");
        if (batch < 0) throw new Bad("batch size " + batch + "; expected 0 (full) or more");
        if (examples < 0 || cursor < 0 || (cursor > 0 && cursor >= examples)) {
            throw new Bad("cursor " + cursor + " in an epoch of " + examples + " examples; expected 0 to " + Math.max(0, examples - 1));
        }
        long n = b.getLong();
        if (n < 0 || n > (end - b.position()) / 32) throw new Bad("history of " + n + " records does not fit in the " + (end - b.position()) + " bytes left");
        need(b, end, 32 * n, "the history");
        int k = (int) n;
        long[] its = new long[k];
        double[] losses = new double[k], accs = new double[k], devs = new double[k];
        b.asLongBuffer().get(its);
        b.position(b.position() + 8 * k);
        getDoubles(b, losses);
        getDoubles(b, accs);
        getDoubles(b, devs);
        if (b.position() != end) throw new Bad((end - b.position()) + " bytes left over before the checksum; expected none");

        Trainer trainer = new Trainer(net, opt, seed);
        for (int i = 0; i < k; i++) trainer.history.add(its[i], losses[i], accs[i], devs[i]);
        trainer.setBatchSize(batch);
        trainer.setPosition(iteration, epoch, cursor, examples);
        return new Model(net, trainer);
    }

    private static void readMoments(ByteBuffer b, List<Dense> layers, double[][] into, String which) throws Bad {
        for (int l = 0; l < layers.size(); l++) {
            Dense d = layers.get(l);
            into[2 * l] = new double[d.w.length];
            into[2 * l + 1] = new double[d.b.length];
            getFinite(b, into[2 * l], which + " moment of W" + (l + 1));
            getFinite(b, into[2 * l + 1], which + " moment of b" + (l + 1));
        }
    }

    private static void getDoubles(ByteBuffer b, double[] a) {
        b.asDoubleBuffer().get(a);
        b.position(b.position() + a.length * 8);
    }

    private static void getFinite(ByteBuffer b, double[] a, String what) throws Bad {
        int at = b.position();
        getDoubles(b, a);
        for (int i = 0; i < a.length; i++) {
            if (!Double.isFinite(a[i])) throw new Bad(what + "[" + i + "] (offset " + (at + 8L * i) + ") is " + a[i] + "; expected a finite number");
        }
    }

    private static <T> T lookup(T[] table, int code, String what, String expected) throws Bad {
        if (code < 0 || code >= table.length || table[code] == null) throw new Bad(what + " code " + code + "; expected " + expected);
        return table[code];
    }
}
