package io.mentorium.adapters.telegram;

import io.mentorium.domain.report.ReportChart;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Draws charts to PNG when the machine can: the fonts are checked once, on the first chart (the JDK's font set-up
 * takes a second, a bot that sends no chart never pays it), and a machine that cannot draw says so in the log once,
 * after which every chart goes out as text.
 */
public final class ChartPhotos {

    private static final Logger log = LoggerFactory.getLogger(ChartPhotos.class);

    private final ChartFonts fonts;
    private final Function<ReportChart, byte[]> renderer;
    private final AtomicBoolean warned = new AtomicBoolean();
    private volatile Boolean usable;

    public ChartPhotos(ChartFonts fonts, Function<ReportChart, byte[]> renderer) {
        this.fonts = Objects.requireNonNull(fonts, "fonts");
        this.renderer = Objects.requireNonNull(renderer, "renderer");
    }

    /** XChart with the fonts the JDK finds. */
    public static ChartPhotos xchart() {
        return new ChartPhotos(ChartFonts.installed(), ChartPng::render);
    }

    /** The PNG, or empty when charts go out as text on this machine. */
    public Optional<byte[]> png(ReportChart chart) {
        if (!usable()) {
            return Optional.empty();
        }
        try {
            return Optional.of(renderer.apply(chart));
        } catch (RuntimeException | LinkageError e) {
            // The fonts looked fine but drawing failed all the same (a broken fontconfig shows only then): the same
            // machine will not draw the next one either.
            usable = false;
            unusable("drawing a chart failed: " + e);
            return Optional.empty();
        }
    }

    private boolean usable() {
        Boolean known = usable;
        if (known == null) {
            synchronized (this) {
                known = usable;
                if (known == null) {
                    Optional<String> reason = fonts.unusable();
                    reason.ifPresent(this::unusable);
                    known = reason.isEmpty();
                    usable = known;
                }
            }
        }
        return known;
    }

    private void unusable(String reason) {
        if (warned.compareAndSet(false, true)) {
            log.warn("Report charts are sent as text on this machine: {}", reason);
        }
    }
}
