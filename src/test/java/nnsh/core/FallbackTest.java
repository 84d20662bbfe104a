package nnsh.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The plain-Java path in a fresh JVM: without jdk.incubator.vector in the boot layer nothing may touch
 * the Vector API classes (no NoClassDefFoundError), and nnsh.simd=false must switch SIMD off.
 */
class FallbackTest {
    private static String probe(String... jvmArgs) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
        cmd.add("-Xshare:auto");
        cmd.add("-XX:TieredStopAtLevel=1");
        for (String a : jvmArgs) cmd.add(a);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(FallbackProbe.class.getName());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        return out;
    }

    @Test
    void worksWithoutTheVectorModule() throws Exception {
        String out = probe();
        assertTrue(out.contains("simd=false ok plain Java (start with --add-modules jdk.incubator.vector"), out);
        assertTrue(!out.contains("NoClassDefFoundError"), out);
    }

    @Test
    void simdCanBeSwitchedOff() throws Exception {
        String out = probe("--add-modules", "jdk.incubator.vector", "-Dnnsh.simd=false");
        assertTrue(out.contains("simd=false ok plain Java"), out);
    }

    /** The sparse products, plain and on 8 lanes: the same lane sums in the same order, the same bits. */
    @Test
    void sparseProductsSameBitsOnBothPaths() throws Exception {
        String plain = probe(), vector = probe("--add-modules", "jdk.incubator.vector");
        Assumptions.assumeTrue(vector.contains("simd=true") && vector.contains("x8"), "8 lanes only: " + vector);
        assertEquals(line(plain, "sparse-bits"), line(vector, "sparse-bits"));
    }

    private static String line(String out, String prefix) {
        for (String l : out.split("\\R")) if (l.startsWith(prefix)) return l;
        throw new AssertionError("no " + prefix + " line in: " + out);
    }

    @Test
    void simdIsOnWithTheModule() throws Exception {
        String out = probe("--add-modules", "jdk.incubator.vector");
        assertTrue(out.contains(" ok "), out);
        if (Backend.simd()) assertTrue(out.contains("simd=true ok Vector API"), out);
    }
}
