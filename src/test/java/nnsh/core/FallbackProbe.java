package nnsh.core;

/**
 * Run in a child JVM by {@link FallbackTest}: exercises GEMM, the sparse products and Ops on whatever
 * backend that JVM got, and prints "sparse-bits <hash>" (of the sparse products' results, which the
 * Vector API with 8 lanes and plain Java must give alike) and "simd=<bool> ok <describe>", or throws.
 */
public final class FallbackProbe {
    public static void main(String[] args) {
        Rng r = new Rng(5);
        int m = 70, n = 53, k = 91;
        for (int tr = 0; tr < 4; tr++) {
            boolean tA = (tr & 1) != 0, tB = (tr & 2) != 0;
            double[] a = new double[m * k], b = new double[k * n], c1 = new double[m * n], c2 = new double[m * n];
            for (int i = 0; i < a.length; i++) a[i] = r.nextDouble() - 0.5;
            for (int i = 0; i < b.length; i++) b[i] = r.nextDouble() - 0.5;
            Gemm.gemm(tA, tB, m, n, k, 1.0, a, 0, tA ? m : k, b, 0, tB ? k : n, 0.0, c1, 0, n);
            Gemm.reference(tA, tB, m, n, k, 1.0, a, 0, tA ? m : k, b, 0, tB ? k : n, 0.0, c2, 0, n);
            for (int i = 0; i < c1.length; i++) {
                if (Math.abs(c1[i] - c2[i]) > 1e-12 * k) throw new AssertionError("gemm differs at " + i);
            }
        }
        // a tiny NT product (the 10 x 10 layer) against the reference
        double[] ta = new double[70 * 10], tb = new double[10 * 10], tc = new double[70 * 10], tr = new double[70 * 10];
        for (int i = 0; i < ta.length; i++) ta[i] = r.nextDouble() - 0.5;
        for (int i = 0; i < tb.length; i++) tb[i] = r.nextDouble() - 0.5;
        Gemm.gemm(false, true, 70, 10, 10, 1.0, ta, 0, 10, tb, 0, 10, 0.0, tc, 0, 10);
        Gemm.reference(false, true, 70, 10, 10, 1.0, ta, 0, 10, tb, 0, 10, 0.0, tr, 0, 10);
        for (int i = 0; i < tc.length; i++) {
            if (Math.abs(tc[i] - tr[i]) > 1e-12) throw new AssertionError("tiny product differs at " + i);
        }
        // the gated product (dZ_prev of a ReLU layer) against its two steps, on this backend
        double[] ga = new double[37 * 10], gb = new double[10 * 45], gg = new double[37 * 45];
        double[] gc = new double[37 * 45], gref = new double[37 * 45];
        for (int i = 0; i < ga.length; i++) ga[i] = r.nextDouble() - 0.5;
        for (int i = 0; i < gb.length; i++) gb[i] = r.nextDouble() - 0.5;
        for (int i = 0; i < gg.length; i++) gg[i] = r.nextDouble() - 0.5;
        Gated.reluGatedProduct(37, 45, 10, ga, gb, gg, gc);
        Gemm.reference(false, false, 37, 45, 10, 1.0, ga, 0, 10, gb, 0, 45, 0.0, gref, 0, 45);
        for (int i = 0; i < gc.length; i++) {
            double want = gg[i] > 0 ? gref[i] : 0.0;
            if (Math.abs(gc[i] - want) > 1e-12) throw new AssertionError("gated product differs at " + i);
        }
        // the sparse products of a narrow first layer against the reference, values as doubles and as codes
        int sm = 90, sk = 41;
        long bits = 17;
        for (boolean coded : new boolean[] {false, true}) {
            double[] sx = new double[sm * sk];
            for (int i = 0; i < sx.length; i++) {
                if (r.nextDouble() < 0.2) sx[i] = coded ? (1 + r.nextInt(255)) * (1 / 255.0) : r.nextDouble();
            }
            SparseRows sp = SparseRows.of(sx, sm, sk);
            if (sp.coded() != coded) throw new AssertionError("codes: " + sp.coded());
            Sparse.Chunk chunk = new Sparse.Chunk();
            Sparse.load(sp, null, 0, sm, chunk);
            for (int sn : new int[] {3, Sparse.narrowMax()}) {
                double[] sw = new double[sn * sk], table = new double[Sparse.tableLength(sn, sk)];
                double[] sz = new double[sm * sn], sref = new double[sm * sn];
                for (int i = 0; i < sw.length; i++) sw[i] = r.nextDouble() - 0.5;
                Sparse.toTable(sw, sn, sk, table);
                Sparse.productRows(chunk, table, sn, sk, sz);
                Gemm.reference(false, true, sm, sn, sk, 1.0, sx, 0, sk, sw, 0, sk, 0.0, sref, 0, sn);
                for (int i = 0; i < sz.length; i++) {
                    if (Math.abs(sz[i] - sref[i]) > 1e-12) throw new AssertionError("sparse product differs at " + i);
                }
                double[] sdz = new double[sm * sn], gt = new double[Sparse.tableLength(sn, sk)];
                double[] g = new double[sn * sk], sgref = new double[sn * sk];
                for (int i = 0; i < sdz.length; i++) sdz[i] = r.nextDouble() - 0.5;
                Gemm.reference(true, false, sn, sk, sm, 1.0, sdz, 0, sn, sx, 0, sk, 0.0, sgref, 0, sk);
                Sparse.addTnRows(chunk, sdz, sn, sk, gt);
                Sparse.fromTable(gt, sn, sk, g);
                for (int i = 0; i < g.length; i++) {
                    if (Math.abs(g[i] - sgref[i]) > 1e-12) throw new AssertionError("sparse gradient differs at " + i);
                }
                bits = 31 * (31 * bits + java.util.Arrays.hashCode(sz)) + java.util.Arrays.hashCode(g);
            }
        }
        System.out.println("sparse-bits " + Long.toHexString(bits));
        double[] z = new double[100], out = new double[100], w = new double[100];
        for (int i = 0; i < z.length; i++) z[i] = r.nextDouble() * 4 - 2;
        Ops.relu(100, z, out);
        Ops.sigmoid(100, z, out);
        Ops.tanh(100, z, out);
        Ops.softmaxRows(4, 25, z, out);
        Ops.axpy(100, 0.5, z, 0, w, 0);
        Ops.adamUpdate(100, 1e-3, 0.9, 0.999, 1e-8, 0.1, 0.001, w, z, new double[100], new double[100]);
        if (Math.abs(Ops.dot(100, z, 0, z, 0) - Ops.sumSquares(100, z, 0)) > 1e-12) throw new AssertionError("dot");
        System.out.println("simd=" + Backend.simd() + " ok " + Backend.describe());
    }
}
