package nnsh.render;

import java.util.List;

/** Renders every view at a few styles, for looking at: java -cp target/classes:target/test-classes nnsh.render.Demo */
public final class Demo {
    public static void main(String[] args) {
        int width = args.length > 0 ? Integer.parseInt(args[0]) : 80;
        String which = args.length > 1 ? args[1] : "all";
        for (Style s : List.of(Style.plain(width), Style.unicode(width), Style.rich(width))) {
            System.out.println("==== " + s);
            if (which.equals("all") || which.equals("images")) {
                System.out.println(Images.render(Samples.seven28(), 0, 28, 28, s));
                System.out.println(Images.render(Samples.one8(), 0, 8, 8, s));
                double[] both = new double[784 * 2];
                System.arraycopy(Samples.seven28(), 0, both, 0, 784);
                System.arraycopy(Samples.zero28(), 0, both, 784, 784);
                System.out.println(Images.grid(List.of(Images.Tile.of(both, 0, 7, 7), Images.Tile.of(both, 784, 0, 6),
                        Images.Tile.of(both, 0, 7, 1)), 28, 28, s));
            }
            if (which.equals("all") || which.equals("charts")) {
                double[] loss = Samples.loss(500);
                loss[300] = Double.NaN;
                System.out.println(Sparkline.render("loss", Samples.loss(500), s));
                System.out.println(Sparkline.render("loss", loss, s));
                System.out.println(Sparkline.render("acc", new double[0], s));
                double[] devX = new double[11];
                double[] dev = new double[11];
                for (int i = 0; i < 11; i++) { devX[i] = i * 50; dev[i] = Samples.acc(500, 0.9)[Math.min(499, i * 50)] - 0.03; }
                System.out.println(LineChart.render(List.of(LineChart.Series.of("train acc", Samples.acc(500, 0.95)),
                        LineChart.Series.at("dev acc", devX, dev),
                        LineChart.Series.of("loss", Samples.loss(500)).onRight()), width, 12, s));
            }
            if (which.equals("all") || which.equals("bars")) {
                double[] p = {0.01, 0.002, 0.03, 0.05, 0.0, 0.001, 0.0, 0.78, 0.027, 0.1};
                System.out.println(Bars.render(p, 7, s));
                System.out.println(Bars.render(p, 9, s));
                System.out.println(Confusion.render(Samples.confusion(), s));
            }
            if (which.equals("all") || which.equals("progress")) {
                System.out.println(Progress.iter(120, 500).loss(0.4123).acc(0.912).dev(0.901).elapsed(65).render(s));
                System.out.println(Progress.epoch(2, 5, 30, 59).loss(0.4123).acc(0.912).elapsed(3725).render(s));
                System.out.println(Progress.epoch(1, 5, 0, 59).render(s));
                System.out.println(Progress.iter(500, 500).loss(Double.NaN).acc(0.1).elapsed(4.2).render(s));
            }
            if (which.equals("all") || which.equals("heat")) {
                System.out.println(Heatmap.render(Samples.weights28(0), 0, 28, 28, s));
                double[] all = new double[784 * 40];
                for (int u = 0; u < 40; u++) System.arraycopy(Samples.weights28(u), 0, all, u * 784, 784);
                for (int i = 0; i < 784; i++) all[784 * 3 + i] *= 0.3;
                System.out.println(Heatmap.grid(all, 40, 28, 28, 24, true, s));
                System.out.println(Heatmap.grid(all, 40, 28, 28, 24, false, s));
                System.out.println(Stats.render("W1", Samples.weights28(1), s));
                System.out.println(Stats.table(List.of("W1", "b1", "dW1"), List.of(Samples.weights28(1), new double[]{0.1, 0.2, Double.NaN}, Samples.loss(100)), s));
                System.out.println(Table.varsAndShapes(new int[]{784, 10, 10}, new String[]{"relu", "softmax"}).render(s));
                System.out.println(Table.modelSummary(new int[]{784, 128, 64, 10}, new String[]{"relu", "relu", "softmax"}).render(s));
            }
        }
    }
}
