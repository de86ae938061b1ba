package dev.payafter.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * The throughput chart of BENCHMARKS.md: decisions per second for each decision, thread count and variant, as
 * horizontal bars on a logarithmic axis with the 99.9% error as whiskers. Drawn with Java2D (headless), so the
 * benchmark command makes it without any other tool.
 */
final class Chart {
    private static final List<String> KINDS = List.of("eligibility", "refund", "deduction");
    /** Every variant; a decision shows those measured for it (the peers decide refunds only). */
    private static final List<String> VARIANTS = List.of("engine", "naive", "plainJava", "easyRules", "dmn", "evrete");
    private static final Map<String, String> LABELS = Map.of("engine", "engine (fully explained)", "naive",
            "naive embedding (new StatelessKieSession)", "plainJava", "plain Java (the limit)", "easyRules",
            "Easy Rules 4.1", "dmn", "KIE DMN 10.2", "evrete", "Evrete 4.0");
    private static final Map<String, Color> COLORS = Map.of("engine", new Color(0x1f77b4), "naive",
            new Color(0xd62728), "plainJava", new Color(0x7f7f7f), "easyRules", new Color(0x2ca02c), "dmn",
            new Color(0xff7f0e), "evrete", new Color(0x9467bd));
    private static final int WIDTH = 1100;
    private static final int LEFT = 190;
    private static final int RIGHT = 60;
    private static final int TOP = 70;
    private static final int BAR = 16;
    private static final int GAP = 22;
    private static final double MIN_EXP = 3;
    private static final double MAX_EXP = 8;

    private Chart() {
    }

    /** Writes the chart; {@code values} maps {@code kind/variant/Nt} to {score, error}. */
    static void write(Map<String, double[]> values, String subtitle, Path file) throws IOException {
        List<String> kinds = KINDS.stream().filter(kind -> !shown(values, kind).isEmpty()).toList();
        int bars = 0;
        for (String kind : kinds) {
            bars += 2 * shown(values, kind).size();
        }
        int height = TOP + bars * BAR + kinds.size() * 2 * GAP + 110;
        BufferedImage image = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, height);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 17));
        g.drawString("payafter: decisions per second on the bundled rules (log scale, ± 99.9% error)", 12, 28);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.setColor(Color.DARK_GRAY);
        g.drawString(subtitle, 12, 48);

        int plotWidth = WIDTH - LEFT - RIGHT;
        int plotBottom = height - 90;
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (int e = (int) MIN_EXP; e <= MAX_EXP; e++) {
            int x = x(Math.pow(10, e), plotWidth);
            g.setColor(new Color(0xdddddd));
            g.drawLine(x, TOP - 10, x, plotBottom);
            g.setColor(Color.DARK_GRAY);
            String label = e == 3 ? "1k" : e == 4 ? "10k" : e == 5 ? "100k" : e == 6 ? "1M" : e == 7 ? "10M" : "100M";
            g.drawString(label, x - g.getFontMetrics().stringWidth(label) / 2, plotBottom + 16);
        }
        int y = TOP;
        for (String kind : kinds) {
            for (int threads : new int[] {1, 2}) {
                g.setColor(Color.BLACK);
                g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
                List<String> shown = shown(values, kind);
                g.drawString(kind + ", " + threads + " thread" + (threads == 1 ? "" : "s"), 12,
                        y + shown.size() * BAR / 2 + 5);
                for (String variant : shown) {
                    double[] v = values.get(kind + "/" + variant + "/" + threads + "t");
                    if (v != null) {
                        int end = x(v[0], plotWidth);
                        g.setColor(COLORS.get(variant));
                        g.fillRect(LEFT, y + 2, end - LEFT, BAR - 4);
                        g.setColor(Color.BLACK);
                        g.setStroke(new BasicStroke(1.2f));
                        int lo = x(Math.max(1, v[0] - v[1]), plotWidth);
                        int hi = x(v[0] + v[1], plotWidth);
                        g.drawLine(lo, y + BAR / 2, hi, y + BAR / 2);
                        g.drawLine(lo, y + 4, lo, y + BAR - 4);
                        g.drawLine(hi, y + 4, hi, y + BAR - 4);
                        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
                        g.drawString(human(v[0]), Math.min(hi + 6, WIDTH - RIGHT - 10), y + BAR - 4);
                    }
                    y += BAR;
                }
                y += GAP;
            }
        }
        g.setColor(Color.BLACK);
        g.drawLine(LEFT, TOP - 10, LEFT, plotBottom);
        int legendX = LEFT;
        int legendY = height - 46;
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (String variant : VARIANTS) {
            if (legendX + 20 + g.getFontMetrics().stringWidth(LABELS.get(variant)) > WIDTH - 12) {
                legendX = LEFT; // the legend goes on in a second line
                legendY += 20;
            }
            g.setColor(COLORS.get(variant));
            g.fillRect(legendX, legendY - 11, 14, 12);
            g.setColor(Color.BLACK);
            g.drawString(LABELS.get(variant), legendX + 20, legendY);
            legendX += 20 + g.getFontMetrics().stringWidth(LABELS.get(variant)) + 30;
        }
        g.dispose();
        ImageIO.write(image, "png", file.toFile());
    }

    /** The variants measured for {@code kind} at any thread count, in the order of {@link #VARIANTS}. */
    private static List<String> shown(Map<String, double[]> values, String kind) {
        return VARIANTS.stream().filter(variant -> values.containsKey(kind + "/" + variant + "/1t")
                || values.containsKey(kind + "/" + variant + "/2t")).toList();
    }

    private static int x(double value, int plotWidth) {
        double exp = Math.log10(Math.max(value, Math.pow(10, MIN_EXP)));
        return LEFT + (int) Math.round((exp - MIN_EXP) / (MAX_EXP - MIN_EXP) * plotWidth);
    }

    private static String human(double value) {
        if (value >= 1e6) {
            return String.format(Locale.ROOT, "%.2fM/s", value / 1e6);
        }
        if (value >= 1e3) {
            return String.format(Locale.ROOT, "%.1fk/s", value / 1e3);
        }
        return String.format(Locale.ROOT, "%.0f/s", value);
    }
}
