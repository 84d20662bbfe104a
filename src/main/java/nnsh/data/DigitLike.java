package nnsh.data;

import nnsh.core.Rng;

/**
 * Made-up data shaped like scanned digits, for tests and for the shell's warm-up ({@code nnsh.nn.Warmup}).
 * In each row the ink lies in one band of a third of the columns (57% of the band inked, 19% of the row, as
 * in MNIST), values j * (1 / 255) for whole j in 1 .. 255, as the readers scale pixels. Mostly zero blocks
 * as well as mostly zeros, so a narrow first layer takes the sparse path; spread evenly, a fifth of the
 * values would leave almost no block of 8 empty.
 */
public final class DigitLike {
    private DigitLike() {}

    /** rows x cols values, row by row. */
    public static double[] rows(Rng r, int rows, int cols) {
        double[] x = new double[rows * cols];
        int band = Math.max(1, cols / 3);
        for (int i = 0; i < rows; i++) {
            int lo = r.nextInt(cols - band + 1);
            for (int c = lo; c < lo + band; c++) {
                if (r.nextDouble() < 0.57) x[i * cols + c] = (1 + r.nextInt(255)) * (1 / 255.0);
            }
        }
        return x;
    }
}
