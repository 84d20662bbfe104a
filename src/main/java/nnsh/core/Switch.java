package nnsh.core;

/**
 * The switches that turn a fast path off for comparisons (-Dnnsh.simd=false, -Dnnsh.fusedHead=false, ...): each
 * is on unless its system property reads "false", in any case and with spaces around it.
 */
public final class Switch {
    private Switch() {}

    /** Whether the switch named by this system property is on. */
    public static boolean on(String property) {
        String v = System.getProperty(property);
        return v == null || !v.trim().equalsIgnoreCase("false");
    }
}
