package dev.backbone.chaos.report;

import dev.backbone.chaos.timeline.Timeline;
import dev.backbone.chaos.timeline.TimelineRow;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Draws {@code timeline.png}: throughput and journal depth, consumer lag, and the probe's answers
 * by path, over the drill's seconds, with a vertical line at every phase change.
 */
final class TimelineChart {

    private static final int WIDTH = 1200;
    private static final int HEIGHT = 900;

    static {
        System.setProperty("java.awt.headless", "true");
    }

    void write(String title, Timeline timeline, Path png) throws IOException {
        List<TimelineRow> rows = timeline.rows();
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(new NumberAxis("seconds since the drill started"));
        plot.add(subplot("events/s, journaled", rows, new String[] {"acknowledged/s", "failed/s", "journaled"},
                List.of(TimelineRow::acknowledgedPerSecond, TimelineRow::failedPerSecond, r -> r.journaled())), 1);
        plot.add(subplot("consumer lag", rows, new String[] {"topology lag", "shard sink lag", "index sink lag"},
                List.of(r -> Math.max(0, r.streamsLag()), r -> Math.max(0, r.shardSinkLag()), r -> Math.max(0, r.indexSinkLag()))), 1);
        plot.add(subplot("probe answers/s", rows, new String[] {"via index", "via scatter", "via shard", "unavailable", "wrong"},
                List.of(r -> r.viaIndex(), r -> r.viaScatter(), r -> r.viaShard(), r -> r.probeUnavailable(), r -> r.probeWrong())), 1);
        for (Timeline.Mark mark : timeline.marks()) {
            if (mark.text().startsWith("phase ")) {
                ValueMarker marker = new ValueMarker(mark.at().toMillis() / 1000.0, Color.GRAY, new BasicStroke(1f));
                marker.setLabel(mark.text().substring("phase ".length()));
                marker.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
                marker.setLabelTextAnchor(TextAnchor.TOP_LEFT);
                plot.getSubplots().forEach(p -> ((XYPlot) p).addDomainMarker(marker));
            }
        }
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        ChartUtils.saveChartAsPNG(png.toFile(), chart, WIDTH, HEIGHT);
    }

    private static XYPlot subplot(String axis, List<TimelineRow> rows, String[] names, List<ToDoubleFunction<TimelineRow>> values) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (int i = 0; i < names.length; i++) {
            XYSeries series = new XYSeries(names[i]);
            for (TimelineRow row : rows) {
                series.add(row.second(), values.get(i).applyAsDouble(row));
            }
            data.addSeries(series);
        }
        XYPlot plot = new XYPlot(data, null, new NumberAxis(axis), new XYLineAndShapeRenderer(true, false));
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        return plot;
    }
}
