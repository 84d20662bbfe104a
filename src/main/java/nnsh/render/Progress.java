package nnsh.render;

import java.util.ArrayList;
import java.util.List;

/**
 * One line of training progress, e.g.
 * {@code ▕█████▌        ▏ 24%  epoch 2/5 batch 30/59  loss 0.412  acc 91.2%  dev 90.1%  1m05s  eta 3m20s}.
 * Build it with {@link #iter} or {@link #epoch}, add what is known, then {@link #render}.
 * When the line would be wider than the terminal the least important fields are dropped
 * (elapsed, percent, eta, dev, acc), then the bar and finally the loss.
 * Unknown values are NaN and simply not shown.
 */
public record Progress(long done, long total, String position, double loss, double acc, double devAcc,
                       double elapsedSeconds) {

    /** Iteration-based progress: "iter 120/500". */
    public static Progress iter(long iter, long iters) {
        return new Progress(iter, iters, "iter " + iter + "/" + iters, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }

    /** Epoch/batch progress, both 1-based: "epoch 2/5 batch 30/59". */
    public static Progress epoch(int epoch, int epochs, int batch, int batches) {
        long done = (long) Math.max(0, epoch - 1) * batches + batch;
        return new Progress(done, (long) epochs * batches,
                "epoch " + epoch + "/" + epochs + " batch " + batch + "/" + batches,
                Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }

    public Progress loss(double v) {
        return new Progress(done, total, position, v, acc, devAcc, elapsedSeconds);
    }

    /** Training accuracy as a fraction in [0,1]. */
    public Progress acc(double v) {
        return new Progress(done, total, position, loss, v, devAcc, elapsedSeconds);
    }

    /** Dev (validation) accuracy as a fraction in [0,1]. */
    public Progress dev(double v) {
        return new Progress(done, total, position, loss, acc, v, elapsedSeconds);
    }

    public Progress elapsed(double seconds) {
        return new Progress(done, total, position, loss, acc, devAcc, seconds);
    }

    /** Fraction done in [0,1]. */
    public double fraction() {
        return total <= 0 ? 0 : Math.max(0, Math.min(1, (double) done / total));
    }

    /** Seconds left at the average speed so far; NaN when unknown. */
    public double etaSeconds() {
        double f = fraction();
        if (!(elapsedSeconds >= 0) || f <= 0) return Double.NaN;
        return elapsedSeconds * (1 - f) / f;
    }

    private record Field(String text, int priority) {}

    public String render(Style style) {
        boolean u = style.unicode();
        List<Field> fields = new ArrayList<>();
        fields.add(new Field(String.format(java.util.Locale.ROOT, "%3d%%", (int) Math.floor(fraction() * 100)), 1));
        String pos = position;
        if (Text.displayWidth(pos) > style.width()) pos = pos.replace("epoch ", "ep ").replace("batch ", "b ").replace("iter ", "it ");
        fields.add(new Field(pos, 9));
        // Loss stays visible even when NaN (a diverged run must show it), unless nothing is measured yet.
        if (!Double.isNaN(loss) || !Double.isNaN(acc)) fields.add(new Field("loss " + Text.num(loss), 8));
        if (!Double.isNaN(acc)) fields.add(new Field("acc " + Text.pct(acc), 5));
        if (!Double.isNaN(devAcc)) fields.add(new Field("dev " + Text.pct(devAcc), 3));
        if (!Double.isNaN(elapsedSeconds)) fields.add(new Field(Text.duration(elapsedSeconds), 0));
        double eta = etaSeconds();
        if (!Double.isNaN(eta) && fraction() < 1) fields.add(new Field("eta " + Text.duration(eta), 2));

        int width = style.width();
        // A bar of fixed width (per terminal width) so the line does not jitter while redrawn.
        int barWidth = Math.max(10, Math.min(30, width / 4));
        while (true) {
            int textW = Text.displayWidth(join(fields));
            if (barWidth + 1 + textW <= width) return bar(barWidth, style) + " " + join(fields);
            int lowest = lowest(fields, 8);
            if (lowest < 0) break;
            fields.remove(lowest);
        }
        // No room for the bar: keep position and loss if possible.
        fields.removeIf(f -> f.priority() < 8);
        if (Text.displayWidth(join(fields)) > width && fields.size() > 1) fields.removeIf(f -> f.priority() == 8);
        return Text.truncate(join(fields), width, u);
    }

    private static int lowest(List<Field> fields, int below) {
        int lowest = -1;
        for (int i = 0; i < fields.size(); i++) {
            int p = fields.get(i).priority();
            if (p < below && (lowest < 0 || p < fields.get(lowest).priority())) lowest = i;
        }
        return lowest;
    }

    private static String join(List<Field> fields) {
        List<String> s = new ArrayList<>();
        for (Field f : fields) s.add(f.text());
        return String.join("  ", s);
    }

    private String bar(int width, Style style) {
        int inner = width - 2;
        String fill;
        if (style.unicode()) {
            fill = Bars.fill(fraction(), inner, true);
        } else {
            int n = (int) Math.floor(fraction() * inner);
            fill = Text.repeat("=", n) + (n < inner ? (fraction() > 0 ? ">" : " ") + Text.repeat(" ", inner - n - 1) : "");
        }
        fill = Text.paint(fill, 76, style);
        return style.unicode() ? "▕" + fill + "▏" : "[" + fill + "]";
    }
}
