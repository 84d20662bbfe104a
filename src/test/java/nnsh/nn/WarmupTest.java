package nnsh.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import nnsh.core.ColumnSubset;
import nnsh.core.NonzeroColumns;
import nnsh.core.Parallel;
import nnsh.core.SparseRows;

/**
 * The warm-up trains its two networks to the end on data that takes both first-layer paths (the wide
 * network's compact input, the narrow one's sparse form), leaves the calling thread's kernel parallelism as
 * it was, and stays off when told.
 */
class WarmupTest {
    @Test
    void trainsBothNetworksAndRestoresTheThread() {
        boolean before = Parallel.maySplit();
        Throwable failure = Warmup.run();
        if (failure != null) throw new AssertionError("the warm-up stopped", failure);
        assertEquals(before, Parallel.maySplit());
        // its data takes both first-layer paths: blank columns for the wide network, a sparse form for the narrow one
        int m = Warmup.EXAMPLES, n0 = Warmup.SIDE * Warmup.SIDE;
        int[] y = new int[m];
        double[] x = Warmup.data(y);
        assertTrue(SparseRows.of(x, m, n0).density() <= 0.5, "sparse enough for the narrow network's path");
        int blank = n0 - new ColumnSubset(n0).selectNonzero(NonzeroColumns.of(x, m, n0), null, 0, m);
        assertTrue(blank > n0 * (1 - Network.COMPACT_MAX), blank + " blank columns: the wide network takes them compact");
        for (int label : y) assertTrue(label >= 0 && label < 10);
    }

    @Test
    void offWhenTold() {
        String was = System.getProperty("nnsh.warmup");
        System.setProperty("nnsh.warmup", "false");
        try {
            assertNull(Warmup.start());
        } finally {
            if (was == null) System.clearProperty("nnsh.warmup");
            else System.setProperty("nnsh.warmup", was);
        }
    }
}
