package nnsh.shell;

import java.util.ArrayList;
import java.util.List;

import nnsh.UserError;
import nnsh.data.Dataset;
import nnsh.nn.Network;
import nnsh.render.Images;
import nnsh.render.Style;

/** Images from..to-1 of a data set as one grid, with labels and, given a network, its predictions. */
final class DigitGrid {
    /** At most this many images in one grid. */
    static final int MAX = 200;

    final String text;
    /** How many of the network's predictions match the labels (0 without a network). */
    final int right;

    private DigitGrid(String text, int right) {
        this.text = text;
        this.right = right;
    }

    static DigitGrid of(Dataset d, int from, int to, Network net, Session s, String what) {
        if (to - from > MAX) throw new UserError(what + ": at most " + MAX + " images at once");
        int[] pred = null;
        if (net != null) {
            pred = new int[to - from];
            net.evaluate(d.x, null, null, from, to - from, s.workers(), pred, null);
        }
        List<Images.Tile> tiles = new ArrayList<>();
        int right = 0;
        for (int i = from; i < to; i++) {
            int p = pred == null ? -1 : pred[i - from];
            tiles.add(Images.Tile.of(d.x, i * d.features, d.label(i), p));
            if (p >= 0 && p == d.label(i)) right++;
        }
        Style st = s.style();
        return new DigitGrid(Images.grid(tiles, d.width, d.height, st), right);
    }
}
