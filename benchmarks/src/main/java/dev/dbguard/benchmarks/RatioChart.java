package dev.dbguard.benchmarks;

import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.style.Styler;

import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The report's chart: end-to-end throughput of each layer as a ratio to raw HikariCP, per thread count, one panel
 * per mix, with the 97% target drawn across.
 */
final class RatioChart {

    static final double TARGET = 0.97;

    private static final int WIDTH = 820;
    private static final int HEIGHT = 560;

    private static final Map<Layer, Color> COLORS = new EnumMap<>(Layer.class);

    static {
        COLORS.put(Layer.DBGUARD, new Color(0x1b7837));
        COLORS.put(Layer.DBGUARD_URL, new Color(0x7fbf7b));
        COLORS.put(Layer.DBGUARD_NO_CACHE, new Color(0xa6dba0));
        COLORS.put(Layer.DATASOURCE_PROXY, new Color(0x4575b4));
        COLORS.put(Layer.P6SPY, new Color(0xf4a582));
        COLORS.put(Layer.DRUID, new Color(0xa0a0a0));
        COLORS.put(Layer.DRUID_WALL, new Color(0xb2182b));
    }

    private RatioChart() {
    }

    /** Writes the chart as a PNG to {@code file}. */
    static void write(EndToEndResults results, Path file) throws IOException {
        double lowest = TARGET;
        double highest = 1.0;
        for (Mix mix : results.mixes()) {
            for (int threads : results.threadCounts(mix)) {
                for (Layer layer : results.layers(mix, threads)) {
                    double ratio = results.summary(mix, threads, layer).throughputRatio();
                    lowest = Math.min(lowest, ratio);
                    highest = Math.max(highest, ratio);
                }
            }
        }
        // Differences of a few percent are the point, so the axis does not start at zero; the title says where.
        double axisMin = Math.max(0, Math.floor((lowest - 0.05) * 10) / 10);
        double axisMax = Math.ceil((highest + 0.04) * 20) / 20;
        List<CategoryChart> panels = new ArrayList<>();
        for (Mix mix : results.mixes()) {
            panels.add(panel(results, mix, axisMin, axisMax));
        }
        // One panel per row: the PNG stays readable when a README shows it at page width.
        BitmapEncoder.saveBitmap(panels, panels.size(), 1, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    private static CategoryChart panel(EndToEndResults results, Mix mix, double axisMin, double axisMax) {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT)
                .title("Throughput ÷ raw HikariCP, " + mix.description() + " (line: target 0.97)")
                .xAxisTitle("application threads (pool of up to " + EndToEnd.MAX_POOL_SIZE + " connections)")
                .yAxisTitle("ratio to raw HikariCP (axis from " + axisMin + ")")
                .build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        chart.getStyler().setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        chart.getStyler().setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        chart.getStyler().setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        chart.getStyler().setLabelsVisible(true);
        chart.getStyler().setLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        chart.getStyler().setLabelsRotation(0);
        chart.getStyler().setLabelsPosition(1.0);
        chart.getStyler().setDecimalPattern("0.000");
        chart.getStyler().setYAxisDecimalPattern("0.00");
        chart.getStyler().setYAxisMin(axisMin);
        chart.getStyler().setYAxisMax(axisMax);
        chart.getStyler().setAvailableSpaceFill(0.85);
        chart.getStyler().setPlotGridVerticalLinesVisible(false);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotBorderColor(Color.LIGHT_GRAY);

        List<Integer> threadCounts = results.threadCounts(mix);
        List<String> categories = threadCounts.stream().map(t -> t + (t == 1 ? " thread" : " threads")).toList();
        for (Layer layer : results.layers(mix, threadCounts.get(0))) {
            if (layer == Layer.RAW) {
                continue;
            }
            List<Double> ratios = new ArrayList<>();
            for (int threads : threadCounts) {
                ratios.add(results.summary(mix, threads, layer).throughputRatio());
            }
            CategorySeries series = chart.addSeries(layer.shortName(), categories, ratios);
            series.setFillColor(COLORS.get(layer));
        }
        AnnotationLine target = new AnnotationLine(TARGET, false, false);
        chart.addAnnotation(target);
        chart.getStyler().setAnnotationLineColor(new Color(0x333333));
                chart.getStyler().setAnnotationTextFont(new Font(Font.SANS_SERIF, Font.ITALIC, 11));
        return chart;
    }
}
