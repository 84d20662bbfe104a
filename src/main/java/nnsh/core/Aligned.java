package nnsh.core;

/**
 * Where the kernels start their own buffers so that each vector lies within one cache line. With every
 * object on a 64-byte boundary (-XX:ObjectAlignmentInBytes=64, in scripts/java.flags) and the 16-byte
 * header of an array (JDK 17 and 25, compressed class pointers), element 6 of a double[] starts a line:
 * a buffer used from there, in whole vectors, never has a 64-byte load or store split over two lines.
 * A split costs: the sparse kernels ran 1.5x (forward) and 1.8x (gradient) slower on split vectors, and
 * whether a run got them was luck of the allocator. On other JVM settings the kernels compute the same,
 * only slower.
 */
public final class Aligned {
    private Aligned() {}

    /** The first element of a buffer on a cache-line boundary. */
    public static final int OFFSET = 6;
}
