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
import nnsh.nn.Dense;
import nnsh.nn.Network;
import nnsh.nn.Workers;
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
        try (Session session = session(buf)) {
            Commands commands = mnist(session, "784-10-10");
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
        try (Session session = session(buf)) {
            Commands commands = mnist(session, "784-10-10");
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

    /**
     * Whether the data was handed out belongs to one evaluator's definitions: another session's evaluator
     * closing in the same JVM must not make this one forget that a variable of its still holds the images.
     */
    @Test
    void anotherSessionClosingDoesNotForgetWhatThisOneHandedOut() {
        StringWriter buf = new StringWriter();
        try (Session session = session(buf)) {
            Commands commands = mnist(session, "784-10-10");
            Dataset dev = session.split("dev");
            commands.execute("java var xs = X(\"dev\");");
            StringWriter other = new StringWriter();
            try (Session second = session(other)) {
                new Commands(second).execute("java 1 + 1");
                assertTrue(other.toString().contains("==> 2"), other.toString());
            }
            session.evaluate(dev, null);
            SparseRows form = SparseRows.cached(dev.x, dev.features);
            assertNotNull(form, "MNIST takes the sparse path");
            commands.execute("java xs.scale(0.5)");
            assertNotSame(form, SparseRows.cached(dev.x, dev.features), "written through a variable: made again");
        }
    }

    /**
     * A wide network's gradient skips the input columns that are zero in the whole batch (MNIST's blank
     * border): ink written into the border by a snippet must reach dW_0 on the next pass.
     */
    @Test
    void writesIntoTheBlankBorderReachAWideNetwork() {
        StringWriter buf = new StringWriter();
        try (Session session = session(buf)) {
            Commands commands = mnist(session, "784-300-10");
            Dataset dev = session.split("dev");
            Network net = session.requireNet();
            double before = dw0Column0(net, dev);
            assertEquals(0.0, before, 0.0, "pixel 0 is blank in every image: its weights get no gradient");
            commands.execute("java X(\"dev\").fillCol(0, 0.5)");
            assertTrue(dw0Column0(net, dev) > 0, "ink in pixel 0 now: its weights get a gradient");
        }
    }

    private static Session session(StringWriter out) {
        return new Session(new PrintWriter(out, true), new PrintWriter(out, true));
    }

    /** Loads MNIST into s, holds out 1,000 dev images and makes the network net (seed 1); returns the commands. */
    private static Commands mnist(Session s, String net) {
        Commands c = new Commands(s);
        c.execute("load mnist; split dev 1000; init " + net + " --seed 1");
        return c;
    }

    /** Sum of |dW_0| over the weights from pixel 0, after a gradient of the first 500 images. */
    private static double dw0Column0(Network net, Dataset d) {
        try (Workers w = new Workers(2)) {
            net.gradient(d.x, d.y, null, 0, 500, w);
        }
        double s = 0;
        Dense l0 = net.layer(0);
        for (int o = 0; o < l0.out; o++) s += Math.abs(l0.dw[o * l0.in]);
        return s;
    }
}
