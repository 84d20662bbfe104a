package nnsh.data;

import nnsh.core.Rng;

/** Seeded shuffles and held-out splits. */
public final class Splits {
    private Splits() {}

    /** Two parts of one data set: what stays, and what was held out. */
    public static final class Split {
        public final Dataset kept;
        public final Dataset heldOut;

        Split(Dataset kept, Dataset heldOut) {
            this.kept = kept;
            this.heldOut = heldOut;
        }
    }

    /** A permutation of 0..n-1 from the seed. */
    public static int[] permutation(int n, long seed) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        new Rng(seed).shuffle(p);
        return p;
    }

    /**
     * Holds out {@code count} examples chosen by a seeded shuffle; the rest keep the shuffled order
     * (as the tutorials do: shuffle, then the first rows are dev, the rest train).
     */
    public static Split holdOut(Dataset d, int count, long seed, String keptName, String heldName) {
        if (count <= 0 || count >= d.n) {
            throw new nnsh.UserError("cannot hold out " + count + " of " + d.n + " examples; expected 1 to " + (d.n - 1));
        }
        int[] p = permutation(d.n, seed);
        int[] held = java.util.Arrays.copyOfRange(p, 0, count);
        int[] kept = java.util.Arrays.copyOfRange(p, count, d.n);
        return new Split(d.rows(kept, keptName), d.rows(held, heldName));
    }

    /** "1000" -> 1000; "20%" -> 20% of n, rounded. */
    public static int parseCount(String s, int n) {
        try {
            if (s.endsWith("%")) {
                double pct = Double.parseDouble(s.substring(0, s.length() - 1));
                if (!(pct > 0 && pct < 100)) throw new nnsh.UserError("'" + s + "': expected a percentage between 0% and 100%");
                return (int) Math.round(n * pct / 100.0);
            }
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new nnsh.UserError("'" + s + "': expected a count like 1000 or a percentage like 20%");
        }
    }
}
