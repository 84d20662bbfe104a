package nnsh.io;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

import nnsh.UserError;

/**
 * The checks, reads and wording shared by everything that reads a file the user named (models,
 * .npy arrays, pictures, CSV and IDX data), so that each says "is a directory", "no such file" and
 * "cannot read (...)" the same way. Each reader passes in its own words for what it expected.
 */
public final class UserFiles {
    private UserFiles() {}

    /** Files read whole are refused above this: one byte array holds them. */
    static final long MAX_READ = Integer.MAX_VALUE - 64;

    /**
     * Why an operation failed, for the parentheses of a one-line message: "no such file or
     * directory", "permission denied", "already exists", else the exception's message, else its
     * class name (never "null", never just the path the exception names).
     */
    public static String reason(Exception e) {
        if (e instanceof NoSuchFileException) return "no such file or directory";
        if (e instanceof AccessDeniedException) return "permission denied";
        if (e instanceof FileAlreadyExistsException) return "already exists";
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m;
    }

    /** "FILE: cannot read (reason)". */
    public static UserError cannotRead(Path file, Exception e) {
        return new UserError(file + ": cannot read (" + reason(e) + ")");
    }

    /** Refuses a directory ("FILE: is a directory; expected " + expected) or nothing at all ("FILE: no such file"). */
    public static void checkFile(Path file, String expected) {
        checkFile(file, expected, "no such file");
    }

    /** As {@link #checkFile(Path, String)}, with the reader's own words for a missing file ("FILE: " + missing). */
    public static void checkFile(Path file, String expected, String missing) {
        if (Files.isDirectory(file)) throw new UserError(file + ": is a directory; expected " + expected);
        if (!Files.exists(file)) throw new UserError(file + ": " + missing);
    }

    /**
     * The whole of a regular file. One over 2 GiB is refused as "FILE: N MiB; " + tooBig, a device
     * or a pipe (which could have no end) as not a regular file.
     */
    public static byte[] readAll(Path file, String tooBig) {
        if (!Files.isRegularFile(file)) throw new UserError(file + ": not a regular file");
        try {
            long size = Files.size(file);
            if (size > MAX_READ) throw new UserError(file + ": " + (size >> 20) + " MiB; " + tooBig);
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw cannotRead(file, e);
        }
    }

    /**
     * The file's bytes through a 64 KiB buffer, decompressed when they start like gzip (told by
     * the content, not the name). A damaged gzip header fails here, as the ZipException or
     * EOFException that GZIPInputStream throws.
     */
    public static InputStream open(Path file) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        try {
            raw.mark(FileKind.GZIP.length);
            byte[] head = raw.readNBytes(FileKind.GZIP.length);
            raw.reset();
            if (!FileKind.startsWith(head, FileKind.GZIP)) return raw;
            return new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16);
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    /**
     * A failure while reading what {@link #open} gave: damaged or cut-off gzip data (the only source
     * of a ZipException or an EOFException there) is named as such, anything else as cannotRead.
     */
    public static UserError readError(Path file, IOException e) {
        if (e instanceof ZipException || e instanceof EOFException) {
            String m = e.getMessage();
            String what = m == null || m.isEmpty() ? "unexpected end" : Character.toLowerCase(m.charAt(0)) + m.substring(1);
            return new UserError(file + ": corrupted or truncated gzip data (" + what + "); expected an intact .gz file");
        }
        return cannotRead(file, e);
    }
}
