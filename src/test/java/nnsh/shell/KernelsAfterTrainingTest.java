package nnsh.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.ThreadMXBean;

import nnsh.core.Backend;
import nnsh.core.Exp;
import nnsh.core.Rng;

/**
 * The SIMD kernels keep their vectors in registers in a long session too, not only in a fresh JVM. On
 * JDK 17, once the Vector API's shared methods had trapped 100 times in all (an epoch of MNIST training
 * does it), a kernel compiled after that point boxed its vectors: 24 KB of garbage per tanh call. The
 * compiler limit in scripts/java.flags prevents it; these tests check that the tests run with that file,
 * and that a kernel first compiled after training still allocates nothing.
 */
class KernelsAfterTrainingTest {
    @Test
    void theTestsRunWithTheLaunchersJvmOptions() throws Exception {
        List<String> lines = Files.readAllLines(Path.of("scripts/java.flags"));
        HotSpotDiagnosticMXBean hs = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        int checked = 0;
        for (String line : lines) {
            line = line.strip();
            if (line.startsWith("-XX:")) {
                String[] kv = line.substring(4).split("=", 2);
                assertEquals(kv[1], hs.getVMOption(kv[0]).getValue(), kv[0] + " in this JVM");
                checked++;
            } else if (line.startsWith("--add-modules")) {
                String module = line.split("\\s+")[1];
                assertTrue(ModuleLayer.boot().findModule(module).isPresent(), module + " in this JVM");
                checked++;
            } else if (!line.isEmpty() && !line.startsWith("#")) {
                fail("an option in scripts/java.flags this test does not check: " + line);
            }
        }
        assertEquals(3, checked, "options in scripts/java.flags");
    }

    @Test
    void tanhCompiledAfterAnEpochOfTrainingAllocatesNothing() {
        if (!Backend.simd()) return;   // the plain loops hold no vectors (FallbackTest covers that path)
        StringWriter text = new StringWriter();
        PrintWriter pw = new PrintWriter(text, true);
        try (Session s = new Session(pw, pw)) {
            s.setThreads(2);
            new Commands(s).execute("load mnist; init 784-100-10 --seed 3; optimizer adam; set batch 128; train --epochs 1 -q");
        }
        Rng r = new Rng(44);
        double[] z = new double[1003], a = new double[1003];
        for (int i = 0; i < z.length; i++) z[i] = (r.nextDouble() - 0.5) * 20;
        ThreadMXBean mx = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        long best = Long.MAX_VALUE;
        for (int round = 0; round < 20 && best > 0; round++) {
            for (int i = 0; i < 2000; i++) Exp.tanh(0, z.length, z, a);
            long before = mx.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 100; i++) Exp.tanh(0, z.length, z, a);
            best = Math.min(best, (mx.getCurrentThreadAllocatedBytes() - before) / 100);
        }
        assertTrue(best < 64, best + " bytes allocated per tanh call after training");
    }
}
