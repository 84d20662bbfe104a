package nnsh.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** Names what a file looks like from its first bytes, for error messages ("a PNG image"). */
public final class FileKind {
    private FileKind() {}

    /** The first two bytes of gzip-compressed data. */
    public static final byte[] GZIP = {0x1F, (byte) 0x8B};

    public static String describe(byte[] head) {
        if (head.length == 0) return "the file is empty";
        // Five bytes, not all of ModelFile.MAGIC: a model whose "\r\n" a text-mode copy mangled is still named as one.
        if (begins(head, 0x89, 'N', 'N', 'S', 'H')) return "an nnsh model";
        if (begins(head, 0x89, 'P', 'N', 'G')) return "it is a PNG image";
        if (begins(head, 0xFF, 0xD8, 0xFF)) return "it is a JPEG image";
        if (begins(head, 'G', 'I', 'F', '8')) return "it is a GIF image";
        if (begins(head, 'B', 'M')) return "it looks like a BMP image";
        if (startsWith(head, Npy.MAGIC)) return "it is a NumPy .npy file";
        if (begins(head, 'P', 'K', 3, 4)) return "it is a zip archive";
        if (startsWith(head, GZIP)) return "it is gzip-compressed";
        if (head.length >= 2 && head[0] == 'P' && head[1] >= '1' && head[1] <= '7') return "it looks like a PBM/PGM/PPM image";
        if (begins(head, 0, 0, 8) || begins(head, 0, 0, 0x0D)) return "it looks like an IDX data file";
        // Text, after a UTF-8 byte-order mark if there is one.
        byte[] text = begins(head, 0xEF, 0xBB, 0xBF) ? Arrays.copyOfRange(head, 3, head.length) : head;
        int printable = 0, n = Math.min(text.length, 256);
        for (int i = 0; i < n; i++) {
            int c = text[i] & 0xFF;
            if (c == '\n' || c == '\r' || c == '\t' || (c >= 32 && c < 127)) printable++;
        }
        if (n > 0 && printable == n) return "it is text, starting '" + firstLine(text) + "'";
        StringBuilder sb = new StringBuilder("it starts with bytes");
        for (int i = 0; i < Math.min(8, head.length); i++) sb.append(String.format(" %02x", head[i] & 0xFF));
        return sb.toString();
    }

    private static String firstLine(byte[] head) {
        int n = 0;
        while (n < head.length && n < 24 && head[n] != '\n' && head[n] != '\r') n++;
        String s = new String(head, 0, n, java.nio.charset.StandardCharsets.US_ASCII);
        return n < head.length && head[n] != '\n' && head[n] != '\r' ? s + "..." : s;
    }

    /** Text from a file, fit to quote in a one-line message: control and non-ASCII characters become '?'. */
    public static String printable(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            sb.append(c >= 32 && c < 127 ? c : '?');
        }
        return sb.toString();
    }

    /** {@link #printable} text cut to {@code max} characters, with "..." when something was cut. */
    public static String abbreviate(String s, int max) {
        String p = printable(s);
        return p.length() > max ? p.substring(0, max) + "..." : p;
    }

    /** Whether the bytes start with the magic number. */
    public static boolean startsWith(byte[] a, byte[] magic) {
        return a.length >= magic.length && Arrays.equals(a, 0, magic.length, magic, 0, magic.length);
    }

    /** Whether the file starts with the magic number; false when it cannot be read. */
    public static boolean hasMagic(Path file, byte[] magic) {
        try (InputStream in = Files.newInputStream(file)) {
            return startsWith(in.readNBytes(magic.length), magic);
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean begins(byte[] a, int... prefix) {
        if (a.length < prefix.length) return false;
        for (int i = 0; i < prefix.length; i++) if ((a[i] & 0xFF) != prefix[i]) return false;
        return true;
    }
}
