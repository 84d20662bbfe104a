package nnsh.core;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/** Vector API facts. Loaded only when the jdk.incubator.vector module is present (see {@link Backend}). */
final class VecInfo {
    private VecInfo() {}

    static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;

    /** A preferred species of one lane is no SIMD at all: the plain loops are as good. */
    static boolean usable() {
        return SPECIES.length() >= 2;
    }

    static String describe() {
        int bits = SPECIES.vectorBitSize();
        String arch = System.getProperty("os.arch", "");
        String isa;
        if (arch.equals("amd64") || arch.equals("x86_64")) {
            isa = bits >= 512 ? "AVX-512" : bits >= 256 ? "AVX2" : "SSE";
        } else if (arch.equals("aarch64")) {
            isa = bits > 128 ? "SVE" : "NEON";
        } else {
            isa = arch;
        }
        return bits + "-bit double x" + SPECIES.length() + " (" + isa + ")";
    }
}
