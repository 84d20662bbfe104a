package nnsh.shell;

import java.util.Locale;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import nnsh.UserError;

@Command(name = "set", description = "Change a setting: batch, lr, seed, threads, view, debug.",
        footer = {"", "Settings:",
                "  batch N|full   examples per iteration: 'full' (all of them, the tutorials'",
                "                 gradient descent) or N (mini-batches of N)",
                "  lr X           the learning rate (also 'optimizer --lr X')",
                "  seed N         seed for the next 'init' and 'split'",
                "  threads N      worker threads (results do not depend on it)",
                "  view MODE      how pictures draw: auto (the best the terminal has),",
                "                 ascii, unicode (half blocks), or color (256 grays)",
                "  debug on|off   show stack traces with errors",
                "", "Examples:", "  set batch 64", "  set             list the settings"})
public final class SetCmd extends Cmd {
    @Parameters(index = "0", arity = "0..1", paramLabel = "KEY", description = "batch, lr, seed, threads, view or debug")
    String key;

    @Parameters(index = "1", arity = "0..1", paramLabel = "VALUE", description = "its new value (see below)")
    String value;

    public SetCmd(Session s) {
        super(s);
    }

    @Override
    protected void run() {
        if (key == null) {
            out().println("batch    " + Session.batchName(s.batch));
            out().println("lr       " + Fmt.g(s.trainer != null ? s.trainer.optimizer.lr : s.newOptimizer().lr));
            out().println("seed     " + s.seed);
            out().println("threads  " + s.threads());
            out().println("view     " + s.view + " (" + describe(s.style()) + ")");
            out().println("debug    " + (s.debug ? "on" : "off"));
            return;
        }
        if (value == null) throw new UserError("set " + key + ": expected a value, e.g. 'set " + key + " " + example(key) + "'");
        switch (key.toLowerCase(Locale.ROOT)) {
            case "batch":
                s.batch = value.equals("0") ? 0 : Session.parseBatch("set batch", value);   // 'set batch 0' also means full
                out().println("batch " + Session.batchName(s.batch));
                break;
            case "lr":
            case "alpha":
                double lr = OptimizerCmd.positive("lr", doubleValue(value));
                s.lr = lr;
                if (s.trainer != null) s.trainer.optimizer.lr = lr;
                out().println("lr " + Fmt.g(lr));
                break;
            case "seed":
                s.seed = longValue(value);
                out().println("seed " + s.seed + " (used by the next 'init' and 'split')");
                break;
            case "threads":
                s.setThreads(intValue(value, 1, 256));
                out().println("threads " + s.threads());
                break;
            case "view":
                String v = value.toLowerCase(Locale.ROOT);
                if (!java.util.List.of("auto", "ascii", "unicode", "color").contains(v)) {
                    throw new UserError(where() + ": expected auto, ascii, unicode or color");
                }
                s.view = v;
                out().println("view " + v + " (" + describe(s.style()) + ")");
                break;
            case "debug":
                s.debug = onOff(value);
                out().println("debug " + (s.debug ? "on" : "off"));
                break;
            default:
                throw new UserError("unknown setting '" + key + "'; expected batch, lr, seed, threads, view or debug");
        }
    }

    private static String describe(nnsh.render.Style st) {
        return (st.unicode() ? "unicode" : "ascii") + (st.colored() ? ", 256 colors" : "") + ", " + st.width() + " columns";
    }

    private String example(String k) {
        switch (k) {
            case "batch": return "64";
            case "lr": return "0.1";
            case "debug": return "on";
            case "view": return "ascii";
            default: return "1";
        }
    }

    private String where() {
        return "set " + key + " " + value;
    }

    private int intValue(String v, int lo, int hi) {
        try {
            int n = Integer.parseInt(v);
            if (n < lo || n > hi) throw new UserError(where() + ": expected a whole number from " + lo + " to " + hi);
            return n;
        } catch (NumberFormatException e) {
            throw new UserError(where() + ": '" + v + "' is not a whole number");
        }
    }

    private long longValue(String v) {
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new UserError(where() + ": '" + v + "' is not a whole number");
        }
    }

    private double doubleValue(String v) {
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new UserError(where() + ": '" + v + "' is not a number");
        }
    }

    private boolean onOff(String v) {
        switch (v.toLowerCase(Locale.ROOT)) {
            case "on": case "true": case "yes": case "1": return true;
            case "off": case "false": case "no": case "0": return false;
            default: throw new UserError(where() + ": expected on or off");
        }
    }
}
