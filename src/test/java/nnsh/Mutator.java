package nnsh;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.zip.GZIPOutputStream;

import nnsh.core.Rng;

/** Seeded damage for fuzz tests: bit flips, truncation, extreme header bytes, inserted junk, noise. */
public final class Mutator {
    private Mutator() {}

    public static byte[] mutate(byte[] base, Rng r) {
        byte[] b = base.clone();
        if (b.length == 0) return new byte[] {(byte) r.nextInt(256)};
        switch (r.nextInt(5)) {
            case 0: // flip a few bits
                for (int k = 1 + r.nextInt(4); k > 0; k--) b[r.nextInt(b.length)] ^= (byte) (1 << r.nextInt(8));
                return b;
            case 1: // truncate
                return java.util.Arrays.copyOf(b, r.nextInt(b.length));
            case 2: // overwrite a header byte with an extreme value
                b[r.nextInt(Math.min(16, b.length))] = (byte) (r.nextInt(2) == 0 ? 0xFF : 0x7F);
                return b;
            case 3: { // insert junk
                int at = r.nextInt(b.length);
                byte[] out = new byte[b.length + 3];
                System.arraycopy(b, 0, out, 0, at);
                out[at] = (byte) r.nextInt(256);
                out[at + 1] = (byte) r.nextInt(256);
                out[at + 2] = (byte) r.nextInt(256);
                System.arraycopy(b, at, out, at + 3, b.length - at);
                return out;
            }
            default: // random bytes
                byte[] out = new byte[r.nextInt(64)];
                for (int i = 0; i < out.length; i++) out[i] = (byte) r.nextInt(256);
                return out;
        }
    }

    public static byte[] gzip(byte[] b) throws IOException {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(o)) {
            g.write(b);
        }
        return o.toByteArray();
    }

    /** Runs the read; it may succeed or throw a one-line UserError that is not an internal error. */
    public static void expectCleanOutcome(Runnable read, int i, String what) {
        try {
            read.run();
        } catch (UserError e) {
            String m = e.getMessage();
            if (m == null || m.isEmpty() || m.contains("\n")) throw new AssertionError(what + " case " + i + ": not one line: " + m, e);
            if (m.contains("internal error")) throw new AssertionError(what + " case " + i + ": " + m, e);
        } catch (Throwable t) {
            throw new AssertionError(what + " case " + i + ": " + t, t);
        }
    }
}
