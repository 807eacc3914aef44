package io.mentorium.adapters.telegram;

import java.awt.Font;
import java.awt.GraphicsEnvironment;
import java.util.Optional;

/**
 * Whether this machine can draw a chart's words. A JDK without fonts or fontconfig (a slim container image) fails on
 * the first text it lays out, and one whose fonts lack Cyrillic draws boxes for a Russian title; either way the
 * chart is not worth sending.
 */
@FunctionalInterface
public interface ChartFonts {

    /** Letters every chart's words are made of: the bot's three languages. */
    String SAMPLE = "Минуты занятий по дням ÀÉ oʻgʻ 0123456789 Mon Пн Ўў Ққ Ғғ Ҳҳ";

    /** Empty when charts can be drawn; otherwise why not, for the log. */
    Optional<String> unusable();

    /** Asks the JDK: installed font families, and a sans-serif font that shows the sample. */
    static ChartFonts installed() {
        return () -> {
            try {
                String[] families = GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames();
                if (families.length == 0) {
                    return Optional.of("the JDK finds no font families (install fontconfig and e.g. fonts-dejavu-core)");
                }
                int missing = new Font(Font.SANS_SERIF, Font.PLAIN, 14).canDisplayUpTo(SAMPLE);
                if (missing >= 0) {
                    return Optional.of("no installed font shows the character U+"
                            + Integer.toHexString(SAMPLE.codePointAt(missing)).toUpperCase(java.util.Locale.ROOT)
                            + " (install e.g. fonts-dejavu-core)");
                }
                return Optional.empty();
            } catch (RuntimeException | Error e) {
                // "Fontconfig head is null", an NPE in sun.awt.FontConfiguration, UnsatisfiedLinkError, ...
                return Optional.of("the JDK cannot load fonts: " + e);
            }
        };
    }
}
