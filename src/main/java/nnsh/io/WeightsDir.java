package nnsh.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import nnsh.UserError;
import nnsh.nn.Dense;
import nnsh.nn.Network;

/**
 * A network's parameters as one .npy file per array, in the tutorials' shapes: W1.npy is n1 x n0,
 * b1.npy is n1 x 1, W2.npy is n2 x n1, ... (so {@code Z1 = W1 @ X + b1} in NumPy, X being n0 x m).
 */
public final class WeightsDir {
    private WeightsDir() {}

    /** "W3.npy", "b3.npy": the file of one array of layer l (1-based). */
    static String file(String array, int l) {
        return array + l + ".npy";
    }

    public static List<String> names(Network net) {
        List<String> n = new ArrayList<>();
        for (int l = 1; l <= net.depth(); l++) {
            n.add(file("W", l));
            n.add(file("b", l));
        }
        return n;
    }

    /** Writes W1.npy, b1.npy, ... into dir (created if missing); returns the files written. */
    public static List<Path> export(Path dir, Network net) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) throw new UserError(dir + ": is a file; expected a directory for the .npy files");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UserError(dir + ": cannot create the directory (" + UserFiles.reason(e) + ")");
        }
        List<Path> written = new ArrayList<>();
        for (int l = 1; l <= net.depth(); l++) {
            Dense d = net.layer(l - 1);
            Path w = dir.resolve(file("W", l)), b = dir.resolve(file("b", l));
            Npy.write(w, d.w, d.out, d.in);
            Npy.write(b, d.b, d.out, 1);
            written.add(w);
            written.add(b);
        }
        return written;
    }

    /**
     * Reads W1.npy, b1.npy, ... from dir for a network of the given shape. Returns fresh arrays
     * (W1, b1, W2, ...) and changes nothing; any mismatch is a UserError.
     */
    public static double[][] read(Path dir, Network net) {
        if (!Files.isDirectory(dir)) throw new UserError(dir + ": " + (Files.exists(dir) ? "is not a directory" : "no such directory")
                + "; expected a directory holding W1.npy, b1.npy, ...");
        double[][] out = new double[2 * net.depth()][];
        for (int l = 1; l <= net.depth(); l++) {
            Dense d = net.layer(l - 1);
            Path wf = dir.resolve(file("W", l)), bf = dir.resolve(file("b", l));
            Npy.Array w = readOne(wf, net);
            if (w.rows != d.out || w.cols != d.in) {
                throw new UserError(wf + ": shape " + w.shape + "; the network " + net.spec() + " needs W" + l
                        + " of (" + d.out + ", " + d.in + ")");
            }
            Npy.Array b = readOne(bf, net);
            if (b.data.length != d.out || (b.rows != 1 && b.cols != 1)) {
                throw new UserError(bf + ": shape " + b.shape + "; the network " + net.spec() + " needs b" + l
                        + " of (" + d.out + ", 1)");
            }
            check(w, wf);
            check(b, bf);
            out[2 * l - 2] = w.data;
            out[2 * l - 1] = b.data;
        }
        Path extra = dir.resolve(file("W", net.depth() + 1));
        if (Files.exists(extra)) {
            throw new UserError(extra + ": exists, but the network " + net.spec() + " has only " + net.depth() + " layers; expected W1 to W" + net.depth());
        }
        return out;
    }

    private static Npy.Array readOne(Path f, Network net) {
        return Npy.read(f, "missing; the network " + net.spec() + " needs " + String.join(", ", names(net)));
    }

    private static void check(Npy.Array a, Path f) {
        for (int i = 0; i < a.data.length; i++) {
            if (!Double.isFinite(a.data[i])) {
                throw new UserError(f + ": value " + i + " (row " + i / a.cols + ", column " + i % a.cols + ") is " + a.data[i] + "; expected finite numbers");
            }
        }
    }
}
