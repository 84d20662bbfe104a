package nnsh.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

import nnsh.UserError;

/**
 * Writes a file so that readers see either the old content or the new one, never half of it:
 * the bytes go to a temporary file in the same directory, are forced to disk, and the temporary
 * file is renamed over the target (atomically where the file system can; else replacing it).
 * If anything fails the temporary file is removed and the target is left as it was.
 */
public final class AtomicFile {
    private AtomicFile() {}

    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

    /** Writes the content to the stream it is given. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * The checks {@link #write} makes before writing (not a directory, in a directory that exists),
     * for a command to make before it starts work whose result it would write there.
     */
    public static void checkTarget(Path target) {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        if (Files.isDirectory(abs)) throw new UserError(target + ": is a directory; expected a file name");
        if (dir == null || !Files.isDirectory(dir)) {
            throw new UserError(target + ": no such directory " + (dir == null ? "" : dir) + "; create it first");
        }
    }

    public static void write(Path target, Content content) {
        checkTarget(target);
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        Path tmp;
        try {
            // createFile (not createTempFile, which makes it owner-only) so the umask decides, as for any new file.
            tmp = dir.resolve("." + abs.getFileName() + "." + Long.toHexString(RANDOM.nextLong() >>> 16) + ".tmp");
            Files.createFile(tmp);
        } catch (IOException e) {
            throw new UserError(target + ": cannot write in " + dir + " (" + UserFiles.reason(e) + ")");
        }
        boolean done = false;
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                OutputStream os = Channels.newOutputStream(ch);
                java.io.BufferedOutputStream bos = new java.io.BufferedOutputStream(os, 1 << 16);
                content.writeTo(bos);
                bos.flush();
                ch.force(true);
            }
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
            done = true;
        } catch (IOException e) {
            throw new UserError(target + ": cannot write (" + UserFiles.reason(e) + "); the old file, if any, is unchanged");
        } finally {
            if (!done) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // nothing more to do: the target is untouched either way
                }
            }
        }
    }
}
