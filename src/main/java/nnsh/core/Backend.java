package nnsh.core;

/**
 * Which numeric backend the kernels run on.
 *
 * <p>The SIMD kernels use the incubating Vector API (module {@code jdk.incubator.vector}). That module is
 * only in the boot layer when the JVM is started with {@code --add-modules jdk.incubator.vector}; without
 * it every kernel runs as plain Java loops. The Vector API classes are isolated in the {@code Vec*} classes.
 * {@code VecInfo} is loaded only when the module is present and not switched off, to decide {@link #simd()}
 * (any failure there leaves the plain path); the others are never loaded unless {@link #simd()} is true, so
 * the plain path cannot fail with {@code NoClassDefFoundError}.
 *
 * <p>System property {@code nnsh.simd=false} forces the plain path (tests use it to compare both paths).
 */
public final class Backend {
    private Backend() {}

    private static final boolean MODULE_PRESENT =
            ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();

    private static final boolean SIMD = decideSimd();

    private static boolean decideSimd() {
        if (!MODULE_PRESENT) return false;
        if (!Switch.on("nnsh.simd")) return false;
        try {
            return VecInfo.usable();
        } catch (Throwable t) {   // a JVM whose Vector API cannot be initialised: stay on plain Java
            return false;
        }
    }

    /** True when the kernels run on the Vector API. Fixed for the life of the JVM. */
    public static boolean simd() {
        return SIMD;
    }

    /**
     * One line for a banner or a log, e.g. "Vector API, 512-bit double x8 (AVX-512), 2 threads" or
     * "plain Java (start with --add-modules jdk.incubator.vector for SIMD), 2 threads".
     */
    public static String describe() {
        return describe(Parallel.threads());
    }

    /** The same line for a given thread count (the shell's setting). */
    public static String describe(int t) {
        String threads = t + (t == 1 ? " thread" : " threads");
        if (SIMD) return "Vector API, " + VecInfo.describe() + ", " + threads;
        if (MODULE_PRESENT) return "plain Java (SIMD switched off by nnsh.simd=false), " + threads;
        return "plain Java (start with --add-modules jdk.incubator.vector for SIMD), " + threads;
    }
}
