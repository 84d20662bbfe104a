package nnsh.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import nnsh.UserError;

class UserFilesTest {
    @TempDir
    Path dir;

    /** Idx and Bundled used to print the exception's message as it was: "(null)" when it had none. */
    @Test
    void reasonIsNeverNullNorABarePath() {
        assertEquals("IOException", UserFiles.reason(new IOException()));
        assertEquals("no such file or directory", UserFiles.reason(new NoSuchFileException("/x/y")));
        assertEquals("permission denied", UserFiles.reason(new AccessDeniedException("/x/y")));
        assertEquals("disk on fire", UserFiles.reason(new IOException("disk on fire")));
        assertEquals("f: cannot read (IOException)", UserFiles.cannotRead(Paths.get("f"), new IOException()).getMessage());
    }

    @Test
    void checkFileUsesTheReadersWords() {
        UserError e = assertThrows(UserError.class, () -> UserFiles.checkFile(dir, "a thing"));
        assertEquals(dir + ": is a directory; expected a thing", e.getMessage());
        Path missing = dir.resolve("missing");
        e = assertThrows(UserError.class, () -> UserFiles.checkFile(missing, "a thing"));
        assertEquals(missing + ": no such file", e.getMessage());
        e = assertThrows(UserError.class, () -> UserFiles.checkFile(missing, "a thing", "gone; expected a thing"));
        assertEquals(missing + ": gone; expected a thing", e.getMessage());
    }

    @Test
    void readAllReadsRegularFiles() throws Exception {
        Path f = dir.resolve("f");
        Files.write(f, new byte[] {1, 2, 3});
        assertArrayEquals(new byte[] {1, 2, 3}, UserFiles.readAll(f, "too big"));
    }

    /**
     * A device exists but is not a file to read whole (/dev/zero never ends); the readers that read
     * whole files used to call it "no such file".
     */
    @Test
    void aDeviceIsNotARegularFile() {
        Path dev = Paths.get("/dev/null");
        Assumptions.assumeTrue(Files.exists(dev) && !Files.isRegularFile(dev));
        UserError e = assertThrows(UserError.class, () -> Npy.read(dev));
        assertEquals("/dev/null: not a regular file", e.getMessage());
        e = assertThrows(UserError.class, () -> ModelFile.load(dev));
        assertEquals("/dev/null: not a regular file", e.getMessage());
        e = assertThrows(UserError.class, () -> DigitImage.read(dev));
        assertEquals("/dev/null: not a regular file", e.getMessage());
    }
}
