package io.mentorium.runner.bot.metrics;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The process's metrics: one {@link PrometheusRegistry} of its own (never the library's static default, so each
 * test and each runner sees only what it registered) with the JVM metrics on it, scraped in the Prometheus text
 * format.
 */
public final class MetricsRegistry {

    /** {@code text/plain; version=0.0.4; charset=utf-8}. */
    public static final String CONTENT_TYPE = PrometheusTextFormatWriter.CONTENT_TYPE;

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();

    public MetricsRegistry() {
        JvmMetrics.builder().register(registry);
    }

    /** Where application metrics are registered. */
    public PrometheusRegistry prometheus() {
        return registry;
    }

    /** Every metric now, in the Prometheus text format. */
    public String scrape() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
        try {
            writer.write(out, registry.scrape());
        } catch (IOException impossible) {
            throw new UncheckedIOException("writing to memory failed", impossible);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
