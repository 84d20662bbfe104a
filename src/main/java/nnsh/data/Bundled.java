package nnsh.data;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import nnsh.UserError;
import nnsh.io.UserFiles;

/** The data sets that ship with nnsh (under data/), and the optional Fashion-MNIST install. */
public final class Bundled {
    private Bundled() {}

    /** Names `load` accepts. */
    public static final List<String> NAMES = List.of("mnist", "digits", "fashion");

    /** A training set and, where the data set has one, a separate test set. */
    public static final class Pair {
        public final Dataset train;
        public final Dataset test;
        public final String description;

        Pair(Dataset train, Dataset test, String description) {
            this.train = train;
            this.test = test;
            this.description = description;
        }
    }

    public static Path dataDir() {
        String home = System.getProperty("nnsh.home", System.getenv("NNSH_HOME"));
        if (home != null) return Paths.get(home, "data");
        try {
            Path jar = Paths.get(Bundled.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path p = jar; p != null; p = p.getParent()) {
                if (Files.isDirectory(p.resolve("data/mnist"))) return p.resolve("data");
            }
        } catch (URISyntaxException | SecurityException e) {
            // fall through to the working directory
        }
        return Paths.get("data");
    }

    public static Pair load(String name, double scale) {
        switch (name.toLowerCase(Locale.ROOT)) {
            case "mnist": return mnist(scale);
            case "digits": return digits(scale);
            case "fashion": case "fashion-mnist": return fashion(scale);
            default: throw new UserError("unknown data set '" + name + "'; expected one of " + String.join(", ", NAMES) + ", or a file");
        }
    }

    public static Pair mnist(double scale) {
        Path d = dataDir().resolve("mnist");
        return idx("mnist", part -> d.resolve(part + (part.endsWith("images") ? "-idx3-ubyte.gz" : "-idx1-ubyte.gz")), scale,
                "MNIST (bundled)");
    }

    public static Pair digits(double scale) {
        Path f = dataDir().resolve("digits/digits.csv.gz");
        CsvData.Result r = CsvData.read("digits", f, scale);
        return new Pair(r.data, null, "8x8 digits (bundled; " + r.layout + ")");
    }

    public static final Path FASHION_DIR = Paths.get("/usr/share/datasets/fashion-mnist");

    public static Pair fashion(double scale) {
        Path d = FASHION_DIR;
        if (!Files.isDirectory(d)) {
            throw new UserError("Fashion-MNIST is not installed (expected " + d + "); install it with: apt-get install dataset-fashion-mnist");
        }
        return idx("fashion", part -> find(d, part), scale, "Fashion-MNIST (" + d + ")");
    }

    /** An IDX training and test set; file gives the path of "train-images", "train-labels", "t10k-images", "t10k-labels". */
    private static Pair idx(String name, Function<String, Path> file, double scale, String description) {
        Dataset train = Idx.read(name + "-train", file.apply("train-images"), file.apply("train-labels"), scale);
        Dataset test = Idx.read(name + "-test", file.apply("t10k-images"), file.apply("t10k-labels"), scale);
        return new Pair(train, test, description);
    }

    private static Path find(Path dir, String prefix) {
        try (var s = Files.walk(dir, 3)) {
            return s.filter(p -> p.getFileName().toString().startsWith(prefix) && Files.isRegularFile(p))
                    .findFirst().orElseThrow(() -> new UserError(dir + ": no file named " + prefix + "*"));
        } catch (java.io.IOException e) {
            throw UserFiles.cannotRead(dir, e);
        }
    }
}
