/**
 * Pure functions from numbers to text: every view takes plain arrays (and a {@link nnsh.render.Style})
 * and returns a String, with no I/O and no dependency on the rest of nnsh.
 *
 * <p>Conventions shared by all views:
 * <ul>
 *   <li>No returned line is wider than {@code Style.width()} as measured by
 *       {@link nnsh.render.Text#displayWidth(String)} (escape codes count zero, wide glyphs two).</li>
 *   <li>{@code Style.plain(w)} output is pure ASCII with no escape codes, for dumb terminals,
 *       pipes and logs; {@code Style.unicode(w)} adds glyphs but no escapes; {@code Style.rich(w)}
 *       adds 256-color escapes, always reset before the end of each line.</li>
 *   <li>NaN and infinities never throw: they print as {@code NaN}, {@code inf}, {@code -inf}, are
 *       marked in sparklines and charts and counted in summaries.</li>
 *   <li>Outputs have no trailing newline; the caller decides how to print them.</li>
 * </ul>
 *
 * <p>To look at every view: {@code mvn -q test-compile && java -cp target/classes:target/test-classes
 * nnsh.render.Demo 80} (optional second argument: images, charts, bars, progress, heat).
 */
package nnsh.render;
