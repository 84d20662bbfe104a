package nnsh.shell;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import nnsh.UserError;
import nnsh.io.FileKind;

/** Checks shared by the commands that write files. */
final class IoChecks {
    private IoChecks() {}

    /** Refuses to replace an existing file unless it starts with the given magic (a file we wrote). */
    static void refuseToClobber(Path file, byte[] magic, String what) {
        if (!Files.isRegularFile(file)) return;
        byte[] head = new byte[16];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            return; // the write itself will report it
        }
        head = java.util.Arrays.copyOf(head, n);
        if (n == 0) return;
        if (FileKind.startsWith(head, magic)) return;
        throw new UserError(file + ": exists and is not " + what + " (" + FileKind.describe(head)
                + "); give another name, or add --force to replace it");
    }
}
