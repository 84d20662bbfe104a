package nnsh.render;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Properties every view must keep at every width and style, including with NaN/Inf and
 * empty inputs: no line wider than the style, ASCII mode pure ASCII without escapes,
 * Unicode-without-color free of escapes, and colored lines ending in a reset.
 */
class AllViewsTest {
    static final int[] WIDTHS = {20, 33, 40, 80, 120};

    static Map<String, Function<Style, String>> views() {
        double nan = Double.NaN, inf = Double.POSITIVE_INFINITY;
        double[] loss = Samples.loss(500);
        double[] lossBad = loss.clone();
        lossBad[10] = nan;
        lossBad[400] = inf;
        lossBad[401] = Double.NEGATIVE_INFINITY;
        double[] allNaN = {nan, nan, nan};
        double[] two = new double[784 * 2];
        System.arraycopy(Samples.seven28(), 0, two, 0, 784);
        System.arraycopy(Samples.zero28(), 0, two, 784, 784);
        double[] weights = new double[784 * 30];
        for (int u = 0; u < 30; u++) System.arraycopy(Samples.weights28(u), 0, weights, u * 784, 784);
        double[] weightsBad = weights.clone();
        weightsBad[5] = nan;
        weightsBad[300] = inf;
        double[] probs = {0.01, 0.002, 0.03, 0.05, 0.0, 0.001, 0.0, 0.78, 0.027, 0.1};
        double[] probsBad = {nan, 0.1, inf, 0.2, 0, 0, 0, 0, 0, 0.7};

        Map<String, Function<Style, String>> v = new LinkedHashMap<>();
        v.put("image28", s -> Images.render(two, 784, 28, 28, s));
        v.put("image8", s -> Images.render(Samples.one8(), 0, 8, 8, s));
        v.put("imageNaN", s -> Images.render(new double[] {nan, inf, -inf, 2, -1, 0.5, 0, 1, nan}, 0, 3, 3, s));
        v.put("imageGrid", s -> Images.grid(List.of(Images.Tile.of(two, 0, 7, 7), Images.Tile.of(two, 784, 0, 6),
                Images.Tile.of(two, 0, 7, -1), Images.Tile.captioned(two, 784, "a rather long caption here")), 28, 28, s));
        v.put("imageGrid8", s -> {
            List<Images.Tile> tiles = new ArrayList<>();
            for (int i = 0; i < 12; i++) tiles.add(Images.Tile.of(Samples.one8(), 0, 1, i % 3 == 0 ? 7 : 1));
            return Images.grid(tiles, 8, 8, s);
        });
        v.put("spark", s -> Sparkline.render("loss", loss, s));
        v.put("sparkBad", s -> Sparkline.render("train loss", lossBad, s));
        v.put("sparkNaN", s -> Sparkline.render("acc", allNaN, s));
        v.put("sparkEmpty", s -> Sparkline.render("acc", new double[0], s));
        v.put("sparkOne", s -> Sparkline.render("acc", new double[] {0.5}, s));
        v.put("chart", s -> LineChart.render(List.of(LineChart.Series.of("train acc", Samples.acc(500, 0.95)),
                LineChart.Series.of("loss", loss).onRight()), s.width(), 10, s));
        v.put("chartBad", s -> LineChart.render(List.of(LineChart.Series.of("loss", lossBad),
                LineChart.Series.of("nan", allNaN).onRight(), LineChart.Series.of("flat", new double[] {1, 1, 1})), 200, 5, s));
        v.put("chartEmpty", s -> LineChart.render(List.of(LineChart.Series.of("loss", new double[0])), 80, 8, s));
        v.put("chartAllNaN", s -> LineChart.render(List.of(LineChart.Series.of("loss", allNaN)), 80, 8, s));
        v.put("bars", s -> Bars.render(probs, 9, s));
        v.put("barsBad", s -> Bars.render(probsBad, 2, s));
        v.put("confusion", s -> Confusion.render(Samples.confusion(), s));
        v.put("confusionEmpty", s -> Confusion.render(new int[10][10], s));
        v.put("heatmap", s -> Heatmap.render(weights, 784 * 3, 28, 28, s));
        v.put("heatmapBad", s -> Heatmap.render(weightsBad, 0, 28, 28, s));
        v.put("heatmapZero", s -> Heatmap.render(new double[64], 0, 8, 8, s));
        v.put("heatmapGrid", s -> Heatmap.grid(weightsBad, 30, 28, 28, 40, true, s));
        v.put("heatmapGridOwn", s -> Heatmap.grid(weights, 30, 28, 28, 12, false, s));
        v.put("stats", s -> Stats.render("W1", weightsBad, s));
        v.put("statsTable", s -> Stats.table(List.of("W1", "b1", "nan"), List.of(weights, new double[] {0.1}, allNaN), s));
        v.put("vars", s -> Table.varsAndShapes(new int[] {784, 10, 10}, new String[] {"relu", "softmax"}).render(s));
        v.put("summary", s -> Table.modelSummary(new int[] {784, 1000, 10}, null).render(s));
        v.put("progress", s -> Progress.epoch(2, 5, 30, 59).loss(0.41).acc(0.9).dev(0.89).elapsed(65).render(s));
        v.put("progressBad", s -> Progress.iter(0, 0).loss(nan).acc(inf).dev(-inf).elapsed(nan).render(s));
        return v;
    }

    static List<Style> styles(int w) {
        return List.of(Style.plain(w), Style.unicode(w), Style.rich(w));
    }

    @Test
    void noLineIsWiderThanTheTerminal() {
        List<String> problems = new ArrayList<>();
        for (var e : views().entrySet()) {
            for (int w : WIDTHS) {
                for (Style s : styles(w)) {
                    String out = e.getValue().apply(s);
                    for (String line : out.split("\n", -1)) {
                        if (Text.displayWidth(line) > w) {
                            problems.add(e.getKey() + " " + s + ": " + Text.displayWidth(line) + " > " + w + ": " + Text.stripAnsi(line));
                        }
                    }
                }
            }
        }
        if (!problems.isEmpty()) fail(problems.size() + " too-wide lines, e.g.\n" + String.join("\n", problems.subList(0, Math.min(10, problems.size()))));
    }

    @Test
    void plainModeIsPureAsciiWithoutEscapes() {
        for (var e : views().entrySet()) {
            for (int w : WIDTHS) {
                String out = e.getValue().apply(Style.plain(w));
                for (int i = 0; i < out.length(); i++) {
                    char c = out.charAt(i);
                    if (c >= 128 || (c < 32 && c != '\n')) {
                        fail(e.getKey() + " at width " + w + " has char U+" + Integer.toHexString(c) + " in:\n" + out);
                    }
                }
            }
        }
    }

    @Test
    void unicodeWithoutColorHasNoEscapes() {
        for (var e : views().entrySet()) {
            for (int w : WIDTHS) {
                assertFalse(e.getValue().apply(Style.unicode(w)).contains("\u001b"), e.getKey() + " at " + w);
            }
        }
    }

    @Test
    void colorNeverBleedsPastTheEndOfALine() {
        for (var e : views().entrySet()) {
            String out = e.getValue().apply(Style.rich(80));
            for (String line : out.split("\n", -1)) {
                int lastEsc = line.lastIndexOf("\u001b[");
                if (lastEsc >= 0) {
                    assertTrue(line.startsWith(Text.RESET, lastEsc), e.getKey() + ": line does not end in a reset: " + line);
                }
            }
        }
    }

    @Test
    void richModeActuallyUsesColor() {
        for (String name : Arrays.asList("image28", "chart", "bars", "confusion", "heatmap", "progress")) {
            assertTrue(views().get(name).apply(Style.rich(80)).contains("\u001b[38;5;"), name);
        }
    }
}
