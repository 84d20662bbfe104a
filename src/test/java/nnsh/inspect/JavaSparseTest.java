package nnsh.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;

import nnsh.core.SparseRows;
import nnsh.data.Dataset;
import nnsh.shell.Commands;
import nnsh.shell.Session;

/**
 * X("train") is a live view: a snippet that writes into the images must be seen by the next pass, which
 * reads the sparse form of MNIST (mostly zeros) for a 784-10-10 network: once a snippet has been handed
 * the data, that form is made again after every snippet; before, snippets keep it.
 */
class JavaSparseTest {
    @Test
    void writesIntoTheDataReachTheSparsePath() {
        StringWriter buf = new StringWriter();
        try (Session session = new Session(new PrintWriter(buf, true), new PrintWriter(buf, true))) {
            Commands commands = new Commands(session);
            commands.execute("load mnist; split dev 1000; init 784-10-10 --seed 1");
            Dataset dev = session.split("dev");
            double before = session.evaluate(dev, null).loss;
            assertNotNull(SparseRows.cached(dev.x, dev.features), "MNIST takes the sparse path");
            commands.execute("java X(\"dev\").scale(0.5)");
            assertTrue(buf.toString().contains("==>"), buf.toString());
            assertNotNull(SparseRows.cached(dev.x, dev.features), "the written images still take the sparse path");
            double sparse = session.evaluate(dev, null).loss;
            double was = SparseRows.setMaxDensity(0);
            double dense;
            try {
                dense = session.evaluate(dev, null).loss;
            } finally {
                SparseRows.setMaxDensity(was);
            }
            assertTrue(Math.abs(sparse - before) > 1e-6, "halving the images changes the loss");
            assertEquals(dense, sparse, 1e-12);
        }
    }

    @Test
    void snippetsThatOnlyReadTheNetworkKeepTheSparseForm() {
        StringWriter buf = new StringWriter();
        try (Session session = new Session(new PrintWriter(buf, true), new PrintWriter(buf, true))) {
            Commands commands = new Commands(session);
            commands.execute("load mnist; split dev 1000; init 784-10-10 --seed 1");
            Dataset dev = session.split("dev");
            session.evaluate(dev, null);
            SparseRows form = SparseRows.cached(dev.x, dev.features);
            assertNotNull(form, "MNIST takes the sparse path");
            commands.execute("java W(1).get(0, 0) + b(1).get(0, 0)");
            assertTrue(buf.toString().contains("==>"), buf.toString());
            assertSame(form, SparseRows.cached(dev.x, dev.features), "no data handed out: the form is kept");
            commands.execute("java X(\"dev\").get(0, 0)");
            assertNotSame(form, SparseRows.cached(dev.x, dev.features), "X() handed out a live view: made again");
        }
    }
}
