package io.mentorium.adapters.telegram;

import io.mentorium.domain.report.ReportChart;
import java.awt.BasicStroke;
import java.awt.Color;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * Draws a report chart as a PNG with XChart: two bar series side by side, off-screen, encoded by {@link IndexedPng}
 * (a palette PNG, several times quicker to write than ImageIO's true-colour one).
 */
public final class ChartPng {

    public static final int WIDTH = 800;
    public static final int HEIGHT = 400;
    private static final Color THIS_PERIOD = new Color(0x2E, 0x7D, 0xD1);
    private static final Color PREVIOUS_PERIOD = new Color(0xB0, 0xBE, 0xC5);

    private ChartPng() {
    }

    /** @throws RuntimeException or a linkage error of the JDK's graphics when it cannot draw */
    public static byte[] render(ReportChart chart) {
        CategoryChart drawing = new CategoryChartBuilder().width(WIDTH).height(HEIGHT)
                .title(chart.title()).yAxisTitle(chart.axisTitle())
                .theme(Styler.ChartTheme.XChart).build();
        drawing.getStyler().setChartBackgroundColor(Color.WHITE);
        drawing.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        drawing.getStyler().setSeriesColors(new Color[] {THIS_PERIOD, PREVIOUS_PERIOD});
        drawing.getStyler().setAntiAlias(true);
        drawing.getStyler().setLabelsVisible(false);
        drawing.getStyler().setAvailableSpaceFill(0.8);
        drawing.getStyler().setOverlapped(false);
        // Solid horizontal grid lines only: vertical ones say nothing between bar groups, and dashed anti-aliased
        // strokes cost a sixth of the drawing.
        drawing.getStyler().setPlotGridVerticalLinesVisible(false);
        drawing.getStyler().setPlotGridLinesStroke(new BasicStroke(1f));
        // Whole minutes on the axis, never "0.5".
        drawing.getStyler().setYAxisDecimalPattern("#,##0");
        drawing.getStyler().setYAxisMin(0.0);
        // Zero minutes in both periods would leave the axis without a range; one minute of headroom gives it one.
        if (chart.current().stream().allMatch(v -> v == 0) && chart.previous().stream().allMatch(v -> v == 0)) {
            drawing.getStyler().setYAxisMax(1.0);
        }
        drawing.addSeries(chart.currentName(), chart.labels(), chart.current());
        drawing.addSeries(chart.previousName(), chart.labels(), chart.previous());
        return IndexedPng.encode(BitmapEncoder.getBufferedImage(drawing));
    }
}
