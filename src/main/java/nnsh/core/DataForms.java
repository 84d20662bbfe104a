package nnsh.core;

/**
 * The forms the kernels make of a data array and keep while it lives ({@link SparseRows#cached},
 * {@link NonzeroColumns#cached}), all made on the premise that the array does not change. Code that writes
 * into data arrays (the shell's live inspection) forgets them all here, so that none of them is missed.
 */
public final class DataForms {
    private DataForms() {}

    /** Drops every form made so far: the next pass makes them again from the arrays as they are now. */
    public static void forgetAll() {
        SparseRows.forgetAll();
        NonzeroColumns.forgetAll();
    }
}
