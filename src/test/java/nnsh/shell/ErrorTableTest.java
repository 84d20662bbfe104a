package nnsh.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import nnsh.Mutator;
import nnsh.UserError;

/**
 * docs/errors.md is true: every row whose command runs in the shell is run here, on files made as
 * the row describes, and must fail with exactly the message the table shows, leaving the session
 * as it was before the failing command.
 */
class ErrorTableTest {
    @TempDir
    static Path dir;

    static byte[] images(int n, int rows, int cols, int... extra) throws IOException {
        var b = new java.io.ByteArrayOutputStream();
        var d = new DataOutputStream(b);
        d.writeInt(0x803);
        d.writeInt(n);
        d.writeInt(rows);
        d.writeInt(cols);
        for (long i = 0; i < (long) n * rows * cols && i < 1000; i++) d.writeByte((int) (i * 7 % 256));
        for (int e : extra) d.writeByte(e);
        return b.toByteArray();
    }

    static byte[] labels(int... l) throws IOException {
        var b = new java.io.ByteArrayOutputStream();
        var d = new DataOutputStream(b);
        d.writeInt(0x801);
        d.writeInt(l.length);
        for (int v : l) d.writeByte(v);
        return b.toByteArray();
    }

    static void text(String name, String s) throws IOException {
        Files.writeString(dir.resolve(name), s);
    }

    /** The files the table's commands name. */
    static void makeFiles() throws IOException {
        Files.write(dir.resolve("im.idx"), images(4, 3, 3));
        Files.write(dir.resolve("lb.idx"), labels(1, 2, 3, 4));
        Files.write(dir.resolve("lb3.idx"), labels(1, 2, 3));
        byte[] gz = Mutator.gzip(images(4, 3, 3));
        Files.write(dir.resolve("trunc.idx.gz"), java.util.Arrays.copyOf(gz, gz.length / 2));
        gz[gz.length - 8] ^= 1;
        Files.write(dir.resolve("corrupt.idx.gz"), gz);
        byte[] magic = images(4, 3, 3);
        magic[3] = 4;
        Files.write(dir.resolve("magic.idx"), magic);
        Files.write(dir.resolve("huge.idx"), java.util.Arrays.copyOf(images(2_000_000_000, 28, 28), 116));
        Files.write(dir.resolve("ovf.idx"), java.util.Arrays.copyOf(images(65536, 65536, 65536), 116));
        Files.write(dir.resolve("billions.idx.gz"), Mutator.gzip(java.util.Arrays.copyOf(images(2_000_000_000, 1, 1), 116)));
        Files.write(dir.resolve("extra.idx"), images(4, 3, 3, 0, 0, 0));
        byte[] csvGz = Mutator.gzip("label,pixel0,pixel1,pixel2,pixel3\n1,0,0,0,0\n2,0,0,0,0\n3,0,0,0,0\n4,0,0,0,0\n".getBytes());
        Files.write(dir.resolve("trunc.csv.gz"), java.util.Arrays.copyOf(csvGz, 40));
        String h = "label,pixel0,pixel1,pixel2,pixel3\n";
        text("empty.csv", "");
        text("header.csv", h);
        text("missing.csv", h + "1,0,0,0,0\n2,0,0,0\n");
        text("extra.csv", h + "1,0,0,0,0\n2,0,0,0,0,0\n");
        text("ragged.csv", "1,2,3,4,5\n1,2\n");
        text("nonnum.csv", h + "1,0,abc,0,0\n");
        text("nan.csv", h + "1,0,NaN,0,0\n");
        text("neg.csv", h + "1,0,-3,0,0\n");
        text("big.csv", h + "1,0,300,0,0\n");
        text("lab.csv", h + "12,0,3,0,0\n");
        text("lab4.csv", h + "4,0,3,0,0\n1,0,0,0,0\n");
        text("blank.csv", h + "\n1,0,0,0,0\n\n2,0,x,0,0\n");
        text("quote.csv", h + "1,0,\"3,0,0\n");
        text("quote2.csv", h + "1,0,\"3\"x,0,0\n");
        text("bom.csv", "\uFEFF" + h + "1,0,3,0,0\n");
        Files.createDirectories(dir.resolve("dir.csv"));
        Files.createDirectories(dir.resolve("dir.nnm"));
        Session s = new Session(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        new Commands(s).execute("load digits; init 64-8-10; train 3 -q; save '" + dir.resolve("small.nnm") + "'");
        byte[] model = Files.readAllBytes(dir.resolve("small.nnm"));
        Files.write(dir.resolve("tr.nnm"), java.util.Arrays.copyOf(model, 300));
        byte[] flip = model.clone();
        flip[200] ^= 0x10;
        Files.write(dir.resolve("flip.nnm"), flip);
        Files.write(dir.resolve("trail.nnm"), java.util.Arrays.copyOf(model, model.length + 2));
        Files.write(dir.resolve("model.png"), model);
        byte[] newer = java.util.Arrays.copyOf(model, 12);
        newer[8] = 2;
        Files.write(dir.resolve("newer.nnm"), newer);
        byte[] png = new byte[28];
        System.arraycopy(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'}, 0, png, 0, 8);
        Files.write(dir.resolve("pic.png"), png);
        text("notnpy.npy", "hello");
        text("notpng.png", "hello");
        Files.createDirectories(dir.resolve("wdir"));
        String hd = "{'descr': '<i8', 'fortran_order': False, 'shape': (3, 4), }";
        var npy = java.nio.ByteBuffer.allocate(10 + hd.length() + 96).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        npy.put(nnsh.io.Npy.MAGIC).put((byte) 1).put((byte) 0).putShort((short) hd.length()).put(hd.getBytes());
        Files.write(dir.resolve("wdir/W1.npy"), npy.array());
        text("self.nnsh", "echo hi\nrun '" + dir.resolve("self.nnsh") + "'\n");
    }

    record Row(String command, String message) {}

    static List<Row> rows() throws IOException {
        List<Row> rows = new ArrayList<>();
        for (String line : Files.readAllLines(Paths.get("docs/errors.md"))) {
            if (!line.startsWith("| ")) continue;
            String[] cells = line.split(" \\| ");
            if (cells.length < 4) continue;
            String cmd = cells[1].trim(), msg = cells[2].trim();
            if (!cmd.startsWith("`") || !msg.startsWith("`error: ")) continue;
            cmd = cmd.substring(1, cmd.length() - 1);
            if (cmd.startsWith("nnsh ") || cmd.contains("| nnsh")) continue; // batch mode: BatchExitCodeTest
            rows.add(new Row(cmd, msg.substring("`error: ".length(), msg.length() - 1)));
        }
        return rows;
    }

    /** Names of files in the table become paths in the temporary directory, and back in messages. */
    static String toTemp(String command) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (String w : command.split(" ")) {
            if (sb.length() > 0) sb.append(' ');
            String name = w.endsWith(";") ? w.substring(0, w.length() - 1) : w;
            boolean file = name.matches("[a-z0-9]+(\\.(idx|gz|csv|nnm|png|npy|nnsh))+") || name.equals("wdir");
            sb.append(file ? "'" + dir.resolve(name) + "'" + (w.endsWith(";") ? ";" : "") : w);
        }
        return sb.toString();
    }

    static String fromTemp(String message) {
        return message.replace(dir + "/", "").replaceAll("this JVM has [\\d,]+ MiB", "this JVM has N MiB");
    }

    @Test
    void everyRowOfTheTableHappensAsWritten() throws IOException {
        makeFiles();
        List<Row> rows = rows();
        assertTrue(rows.size() > 50, rows.size() + " rows");
        List<String> wrong = new ArrayList<>();
        for (Row r : rows) {
            StringWriter buf = new StringWriter();
            Session s = new Session(new PrintWriter(buf, true), new PrintWriter(buf, true));
            Commands c = new Commands(s);
            String[] parts = toTemp(r.command).split("; ");
            String last = parts[parts.length - 1];
            String setup = String.join("; ", java.util.Arrays.copyOf(parts, parts.length - 1));
            if (!setup.isEmpty()) c.execute(setup);
            CommandFuzzTest.State before = CommandFuzzTest.State.of(s);
            String got;
            try {
                c.execute(last);
                got = "(no error)";
            } catch (UserError e) {
                if (e instanceof Commands.InternalError) throw new AssertionError(r.command, e);
                got = e.getMessage();
                if (!last.startsWith("run ")) CommandFuzzTest.State.of(s).assertSameAs(before, r.command);
            }
            if (!fromTemp(got).equals(fromTemp(r.message))) wrong.add(r.command + "\n    table: " + r.message + "\n    run:   " + fromTemp(got));
            s.close();
        }
        assertEquals("", String.join("\n", wrong));
    }
}
