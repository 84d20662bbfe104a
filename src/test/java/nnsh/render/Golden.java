package nnsh.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden-text comparison against src/test/resources/golden/NAME.txt. Run the tests with
 * -Dgolden.update=true to rewrite the files after a deliberate change, then review the diff.
 */
final class Golden {
    private Golden() {}

    static void check(String name, String actual) {
        String file = "golden/" + name + ".txt";
        if (Boolean.getBoolean("golden.update")) {
            try {
                Path p = Path.of("src/test/resources", file);
                Files.createDirectories(p.getParent());
                Files.writeString(p, actual + "\n", StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return;
        }
        try (InputStream in = Golden.class.getClassLoader().getResourceAsStream(file)) {
            if (in == null) throw new AssertionError("missing golden file " + file + " (run with -Dgolden.update=true)");
            String expected = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            if (expected.endsWith("\n")) expected = expected.substring(0, expected.length() - 1);
            assertEquals(expected, actual, "golden " + file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
