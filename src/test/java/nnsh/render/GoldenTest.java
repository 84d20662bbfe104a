package nnsh.render;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Fixed inputs, expected text under src/test/resources/golden/. */
class GoldenTest {
    static final Style PLAIN = Style.plain(80);
    static final Style UNI = Style.unicode(80);

    @Test
    void images() {
        Golden.check("image28-ascii", Images.render(Samples.seven28(), 0, 28, 28, PLAIN));
        Golden.check("image28-blocks", Images.render(Samples.seven28(), 0, 28, 28, UNI));
        Golden.check("image8-ascii", Images.render(Samples.one8(), 0, 8, 8, PLAIN));
        Golden.check("image8-blocks", Images.render(Samples.one8(), 0, 8, 8, UNI));
        // A 28x28 image on a 40-column terminal is shrunk to fit.
        Golden.check("image28-ascii-40", Images.render(Samples.zero28(), 0, 28, 28, Style.plain(40)));
        // 256-gray: escapes written visibly so the file stays readable.
        Golden.check("image8-gray", Images.render(Samples.one8(), 0, 8, 8, Style.rich(80)).replace("\u001b", "\\e"));
    }

    @Test
    void imageGrid() {
        double[] data = new double[784 * 2];
        System.arraycopy(Samples.seven28(), 0, data, 0, 784);
        System.arraycopy(Samples.zero28(), 0, data, 784, 784);
        List<Images.Tile> tiles = List.of(Images.Tile.of(data, 0, 7, 7), Images.Tile.of(data, 784, 0, 6),
                Images.Tile.of(data, 0, 7, 1));
        Golden.check("grid-blocks-80", Images.grid(tiles, 28, 28, UNI));
        List<Images.Tile> small = List.of(Images.Tile.of(Samples.one8(), 0, 1, 1), Images.Tile.of(Samples.one8(), 0, 1, 7),
                Images.Tile.of(Samples.one8(), 0, 1, -1), Images.Tile.of(Samples.one8(), 0, -1, -1));
        Golden.check("grid8-ascii-80", Images.grid(small, 8, 8, PLAIN));
    }

    @Test
    void sparklines() {
        double[] loss = Samples.loss(200);
        double[] bad = loss.clone();
        bad[150] = Double.NaN;
        bad[151] = Double.POSITIVE_INFINITY;
        String s = String.join("\n",
                Sparkline.render("loss", loss, PLAIN),
                Sparkline.render("loss", loss, UNI),
                Sparkline.render("loss", bad, PLAIN),
                Sparkline.render("loss", bad, UNI),
                Sparkline.render("loss", bad, Style.unicode(40)),
                Sparkline.render("acc", new double[0], UNI),
                Sparkline.render("acc", new double[] {0.5, 0.5, 0.5}, UNI));
        Golden.check("sparklines", s);
    }

    @Test
    void lineChart() {
        double[] devX = new double[11], dev = new double[11];
        double[] acc = Samples.acc(500, 0.95);
        for (int i = 0; i < 11; i++) {
            devX[i] = i * 50;
            dev[i] = acc[Math.min(499, i * 50)] - 0.04;
        }
        List<LineChart.Series> series = List.of(LineChart.Series.of("train acc", acc),
                LineChart.Series.at("dev acc", devX, dev), LineChart.Series.of("loss", Samples.loss(500)).onRight());
        Golden.check("chart-ascii-80", LineChart.render(series, 80, 10, PLAIN));
        Golden.check("chart-unicode-60", LineChart.render(series, 60, 8, UNI));
        Golden.check("chart-braille-60", LineChart.render(List.of(LineChart.Series.of("loss", Samples.loss(300))), 60, 8, UNI));
        Golden.check("chart-one-series-40", LineChart.render(List.of(LineChart.Series.of("loss", Samples.loss(50))), 40, 6, Style.plain(40)));
    }

    @Test
    void bars() {
        double[] p = {0.01, 0.002, 0.03, 0.05, 0.0, 0.001, 0.0, 0.78, 0.027, 0.1};
        Golden.check("bars-ascii", Bars.render(p, 7, PLAIN));
        Golden.check("bars-unicode-wrong", Bars.render(p, 9, UNI));
        Golden.check("bars-narrow", Bars.render(p, 7, Style.unicode(36)));
        Golden.check("bars-nan", Bars.render(new double[] {Double.NaN, 0.25, 0.75}, -1, PLAIN));
    }

    @Test
    void confusion() {
        Golden.check("confusion-ascii-80", Confusion.render(Samples.confusion(), PLAIN));
        Golden.check("confusion-unicode-80", Confusion.render(Samples.confusion(), UNI));
        Golden.check("confusion-40", Confusion.render(Samples.confusion(), Style.plain(40)));
    }

    @Test
    void heatmaps() {
        Golden.check("heatmap-ascii", Heatmap.render(Samples.weights28(0), 0, 28, 28, PLAIN));
        Golden.check("heatmap-unicode", Heatmap.render(Samples.weights28(0), 0, 28, 28, UNI));
        double[] w = new double[784 * 12];
        for (int u = 0; u < 12; u++) System.arraycopy(Samples.weights28(u), 0, w, u * 784, 784);
        Golden.check("heatmap-grid-ascii-120", Heatmap.grid(w, 12, 28, 28, 20, true, Style.plain(120)));
        double[] eight = new double[64];
        for (int i = 0; i < 64; i++) eight[i] = (i % 8 - 3.5) * ((double) i / 8 - 3.5) / 12.25;
        Golden.check("heatmap8-ascii", Heatmap.render(eight, 0, 8, 8, PLAIN));
    }

    @Test
    void statsAndTables() {
        double[] w = Samples.weights28(1);
        Golden.check("stats", String.join("\n",
                Stats.render("W1", w, PLAIN),
                Stats.render("W1", w, UNI),
                Stats.table(List.of("W1", "b1", "dW1"),
                        List.of(w, new double[] {0.1, 0.2, Double.NaN}, Samples.loss(100)), PLAIN)));
        Golden.check("vars-ascii", Table.varsAndShapes(new int[] {784, 10, 10}, new String[] {"relu", "softmax"}).render(PLAIN));
        Golden.check("summary-unicode", Table.modelSummary(new int[] {784, 128, 64, 10},
                new String[] {"relu", "relu", "softmax"}).render(UNI));
        Golden.check("table-narrow", new Table("name", "value", "note")
                .row("alpha", "0.001", "learning rate, used by every optimizer step")
                .row("m", "64", "batch size").separator().row("total", "NaN", "").render(Style.unicode(30)));
    }

    @Test
    void progress() {
        StringBuilder b = new StringBuilder();
        for (int w : new int[] {120, 80, 40, 20}) {
            for (Style s : List.of(Style.plain(w), Style.unicode(w))) {
                b.append(Progress.iter(120, 500).loss(0.4123).acc(0.912).dev(0.901).elapsed(65).render(s)).append('\n');
                b.append(Progress.epoch(2, 5, 30, 59).loss(0.4123).acc(0.912).elapsed(3725).render(s)).append('\n');
            }
        }
        b.append(Progress.epoch(1, 5, 0, 59).render(Style.plain(80))).append('\n');
        b.append(Progress.iter(500, 500).loss(Double.NaN).acc(0.1).elapsed(4.2).render(Style.plain(80)));
        Golden.check("progress", b.toString());
    }
}
