package nnsh.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

class SplitsTest {
    static Dataset numbered(int n) {
        double[] x = new double[n];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            x[i] = i;
            y[i] = i % 10;
        }
        return new Dataset("d", x, y, n, 1, 1);
    }

    @Test
    void holdOutIsSeededAndDisjoint() {
        Dataset d = numbered(100);
        Splits.Split a = Splits.holdOut(d, 20, 5, "train", "dev");
        Splits.Split b = Splits.holdOut(d, 20, 5, "train", "dev");
        assertArrayEquals(a.heldOut.x, b.heldOut.x, 0);
        assertEquals(80, a.kept.n);
        assertEquals(20, a.heldOut.n);
        double[] all = new double[100];
        System.arraycopy(a.kept.x, 0, all, 0, 80);
        System.arraycopy(a.heldOut.x, 0, all, 80, 20);
        Arrays.sort(all);
        for (int i = 0; i < 100; i++) assertEquals(i, all[i], 0);
        for (int i = 0; i < 20; i++) assertEquals((int) a.heldOut.x[i] % 10, a.heldOut.y[i]);
    }

    @Test
    void countsAndPercentages() {
        assertEquals(359, Splits.parseCount("20%", 1797));
        assertEquals(1000, Splits.parseCount("1000", 42000));
    }
}
