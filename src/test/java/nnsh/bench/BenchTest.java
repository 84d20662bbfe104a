package nnsh.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Paths;

import org.junit.jupiter.api.Test;

/** Bench's plumbing only; the workloads themselves are not run here. */
class BenchTest {
    /**
     * When the data directory falls back to the bare relative "data" (here through an empty
     * nnsh.home), its parent used to be null and 'bench --numpy' failed with a NullPointerException.
     */
    @Test
    void findsTheNumpyScriptWhenTheDataDirectoryIsRelative() {
        String saved = System.getProperty("nnsh.home");
        System.setProperty("nnsh.home", "");
        try {
            assertEquals(Paths.get("bench/numpy_reference.py").toAbsolutePath(), Bench.numpyScript());
        } finally {
            if (saved == null) System.clearProperty("nnsh.home");
            else System.setProperty("nnsh.home", saved);
        }
    }
}
