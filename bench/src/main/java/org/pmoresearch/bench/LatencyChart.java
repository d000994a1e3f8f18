package org.pmoresearch.bench;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.BasicStroke;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The PNG of latency percentiles against offered load that docs/benchmarks.md shows. */
final class LatencyChart {

    private final Map<String, double[]> series = new LinkedHashMap<>();
    private final Map<String, Boolean> dashed = new LinkedHashMap<>();
    private final double[] offeredRates;

    LatencyChart(double[] offeredRates) {
        this.offeredRates = offeredRates.clone();
    }

    /** One line, a latency in milliseconds per offered rate; a baseline is drawn dashed. */
    LatencyChart line(String name, double[] latencyMillis, boolean baseline) {
        series.put(name, latencyMillis.clone());
        dashed.put(name, baseline);
        return this;
    }

    void write(Path file, String title) throws IOException {
        System.setProperty("java.awt.headless", "true");
        XYChart chart = new XYChartBuilder().width(900).height(520).title(title)
                .xAxisTitle("Offered load (per second)").yAxisTitle("Latency from intended send (ms, log scale)").build();
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setYAxisDecimalPattern("#,##0.##");
        chart.getStyler().setXAxisDecimalPattern("#,##0");
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        series.forEach((name, values) -> {
            XYSeries line = chart.addSeries(name, offeredRates, floorForLogScale(values));
            line.setMarker(SeriesMarkers.CIRCLE);
            if (dashed.get(name)) {
                line.setLineStyle(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {6f, 4f}, 0f));
            }
        });
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (OutputStream out = Files.newOutputStream(file)) {
            BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
        }
        System.out.println("Chart written to " + file);
    }

    /** A logarithmic axis cannot show zero: sub-resolution values are drawn at 0.01 ms. */
    private static double[] floorForLogScale(double[] values) {
        double[] floored = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            floored[i] = Math.max(values[i], 0.01);
        }
        return floored;
    }
}
