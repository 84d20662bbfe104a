package nnsh.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Specific behaviour of the views beyond the golden texts. */
class BehaviourTest {
    static final Style PLAIN = Style.plain(80);

    @Test
    void imageSizesPerMode() {
        List<String> a = Images.lines(Samples.seven28(), 0, 28, 28, Images.Mode.ASCII, 80);
        assertEquals(28, a.size());
        assertEquals(56, Text.displayWidth(a.get(0)), "two characters per pixel");
        String b = Images.render(Samples.seven28(), 0, 28, 28, Images.Mode.BLOCKS, 80);
        assertEquals(14, b.split("\n", -1).length);
        List<String> eight = Images.lines(Samples.one8(), 0, 8, 8, Images.Mode.ASCII, 80);
        assertEquals(16, eight.size(), "8x8 is scaled up");
        assertEquals(32, Text.displayWidth(eight.get(0)));
        assertEquals(Images.Mode.ASCII, Images.choose(PLAIN));
        assertEquals(Images.Mode.BLOCKS, Images.choose(Style.unicode(80)));
        assertEquals(Images.Mode.GRAY256, Images.choose(Style.rich(80)));
    }

    @Test
    void imageOffsetSelectsADatasetRow() {
        double[] rows = new double[784 * 3];
        System.arraycopy(Samples.zero28(), 0, rows, 784 * 2, 784);
        assertEquals(Images.render(Samples.zero28(), 0, 28, 28, PLAIN), Images.render(rows, 784 * 2, 28, 28, PLAIN));
        assertThrows(IllegalArgumentException.class, () -> Images.render(rows, 784 * 2 + 1, 28, 28, PLAIN));
    }

    @Test
    void grayModeUsesTheGrayRampAndResets() {
        String g = Images.render(Samples.seven28(), 0, 28, 28, Style.rich(80));
        assertTrue(g.contains("38;5;255m"), "ink is white");
        assertTrue(g.contains("48;5;232m"), "background is black");
        for (String line : g.split("\n")) assertTrue(line.endsWith(Text.RESET));
    }

    @Test
    void gridMarksWrongPredictionsAndWraps() {
        double[] img = Samples.one8();
        List<Images.Tile> tiles = List.of(Images.Tile.of(img, 0, 1, 1), Images.Tile.of(img, 0, 1, 7),
                Images.Tile.of(img, 0, 1, 1), Images.Tile.of(img, 0, 1, 1));
        String ascii = Images.grid(tiles, 8, 8, Style.plain(80));
        assertTrue(ascii.contains("label 1  pred 7 x"));
        assertFalse(ascii.contains("pred 1 x"));
        assertEquals(2 * 17 + 1, ascii.split("\n", -1).length, "four 32-column tiles wrap into two rows at 80");
        String uni = Images.grid(tiles, 8, 8, Style.unicode(20));
        assertTrue(uni.contains("label 1 pred 7 ✗"), uni);
        Images.Tile wrong = Images.Tile.of(new double[16], 0, 3, 8);
        assertEquals("3→8 ✗", Images.caption(wrong, 8, Style.unicode(20)), "short caption for small tiles");
        assertEquals("3>8 x", Images.caption(wrong, 8, PLAIN));
    }

    @Test
    void sparklineDownsamplesAndMarksNonFinite() {
        double[] v = new double[1000];
        for (int i = 0; i < v.length; i++) v[i] = i;
        assertEquals("_____.....-----=====^^^^^", Sparkline.spark(v, 25, PLAIN).replaceAll("(.)\\1*", "$1$1$1$1$1").substring(0, 25));
        assertEquals(25, Sparkline.spark(v, 25, PLAIN).length());
        v[500] = Double.NaN;
        String s = Sparkline.spark(v, 10, PLAIN);
        assertEquals('!', s.charAt(5));
        assertEquals("loss  (no history yet)", Sparkline.render("loss", new double[0], PLAIN));
        assertEquals("first NaN  last NaN  2 NaN", Sparkline.summary(new double[] {Double.NaN, Double.NaN}));
        assertEquals("first 2.31  min 0.41  max 2.31  last 0.41", Sparkline.summary(new double[] {2.31, 1, 0.41}));
    }

    @Test
    void chartHandlesEmptyAndNonFinite() {
        assertEquals("(no history yet)", LineChart.render(List.of(), 80, 10, PLAIN));
        String c = LineChart.render(List.of(LineChart.Series.of("loss", new double[] {1, Double.NaN, 0.5})), 80, 6, PLAIN);
        assertTrue(c.contains("* loss [1 not finite]"), c);
        assertEquals(250, LineChart.niceStep(1000, 4));
        assertEquals(0.2, LineChart.niceStep(1, 5), 1e-12);
    }

    @Test
    void barsMarkPredictedAndLabel() {
        double[] p = {0.1, 0.7, 0.2};
        String s = Bars.render(p, 2, PLAIN);
        assertTrue(s.lines().anyMatch(l -> l.startsWith("  1 ") && l.endsWith("< predicted")), s);
        assertTrue(s.lines().anyMatch(l -> l.startsWith("  2 ") && l.endsWith("< label")), s);
        assertEquals(-1, Bars.argmax(new double[] {Double.NaN}));
        assertEquals("####      ", Bars.fill(0.4, 10, false));
        assertEquals("████▌     ", Bars.fill(0.45, 10, true));
    }

    @Test
    void confusionNumbers() {
        int[][] c = new int[3][3];
        c[0][0] = 8;
        c[0][1] = 2;
        c[1][1] = 5;
        c[2][1] = 5;
        String s = Confusion.render(c, PLAIN);
        assertTrue(s.contains("accuracy 65.00%  (13 of 20)"), s);
        assertTrue(s.contains("|    10  80.0"), "recall of class 0: " + s);
        assertTrue(s.contains("prec%| 100.0  41.7    --"), s);
        assertFalse(s.contains("\u001b"));
        assertTrue(Confusion.render(c, Style.rich(80)).contains("\u001b[38;5;76m"), "diagonal highlighted in color");
    }

    @Test
    void heatmapTellsSignsApartWithoutColor() {
        double[] w = {1, 0.5, -0.5, -1};
        String a = Heatmap.render(w, 0, 2, 2, PLAIN);
        String map = a.substring(0, a.lastIndexOf('\n'));
        assertTrue(map.contains("#") && map.contains("="), a);
        String u = Heatmap.render(w, 0, 2, 2, Style.unicode(80));
        assertTrue(u.contains("█") && u.contains("⣿"), u);
        assertTrue(a.contains("-1.000") && a.contains("+1.000"), "legend gives the symmetric scale: " + a);
    }

    @Test
    void heatmapGridSaysHowManyAreHidden() {
        double[] w = new double[64 * 1000];
        for (int i = 0; i < w.length; i++) w[i] = Math.sin(i);
        String g = Heatmap.grid(w, 1000, 8, 8, 30, true, PLAIN);
        assertTrue(g.endsWith("more not shown"), g);
        assertTrue(g.contains("#0"));
        assertThrows(IllegalArgumentException.class, () -> Heatmap.grid(new double[10], 2, 8, 8, 30, true, PLAIN));
    }

    @Test
    void statsIgnoreNonFiniteButCountThem() {
        Stats.Summary s = Stats.of(new double[] {1, 2, 3, Double.NaN, Double.POSITIVE_INFINITY});
        assertEquals(1, s.nan());
        assertEquals(1, s.posInf());
        assertEquals(2, s.mean(), 1e-12);
        assertEquals(Math.sqrt(2.0 / 3), s.std(), 1e-12);
        assertTrue(Double.isNaN(Stats.of(new double[] {Double.NaN}).mean()));
    }

    @Test
    void tableAlignsNumbersRight() {
        String t = new Table("a", "b").row("x", "1").row("yy", "1,000").render(PLAIN);
        assertTrue(t.contains("| x  |     1 |"), t);
        assertTrue(Table.numeric("-1.5e-3") && Table.numeric("97.3%") && Table.numeric("inf") && !Table.numeric("10 x m"));
        assertThrows(IllegalArgumentException.class, () -> Table.modelSummary(new int[] {784, 10}, new String[] {"a", "b"}));
        assertTrue(Table.modelSummary(new int[] {784, 10}, null).render(PLAIN).contains("7,850"));
    }

    @Test
    void progressEtaAndFields() {
        Progress p = Progress.iter(100, 400).elapsed(60);
        assertEquals(0.25, p.fraction(), 1e-12);
        assertEquals(180, p.etaSeconds(), 1e-9);
        assertTrue(p.loss(0.5).render(Style.plain(120)).contains("eta 3m00s"));
        assertTrue(Double.isNaN(Progress.iter(0, 10).elapsed(5).etaSeconds()));
        assertTrue(Progress.iter(1, 10).loss(Double.NaN).acc(0.5).render(PLAIN).contains("loss NaN"));
    }
}
