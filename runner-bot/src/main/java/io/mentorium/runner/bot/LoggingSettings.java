package io.mentorium.runner.bot;

import io.mentorium.application.config.Environment;
import java.util.Locale;
import java.util.Set;

/**
 * Log format and level. They are applied through system properties read by logback.xml, so they must be settled
 * before the first logger is created.
 */
record LoggingSettings(String format, String level) {

    private static final Set<String> LEVELS = Set.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF");

    static LoggingSettings from(Environment env, String defaultFormat) {
        String format = env.string("LOG_FORMAT", defaultFormat).toLowerCase(Locale.ROOT);
        if (!format.equals("json") && !format.equals("text")) {
            env.problem("LOG_FORMAT", "must be json or text, got '" + format + "'");
            format = defaultFormat;
        }
        // The console's conversation shares the terminal with the log (on stderr): only warnings by default there.
        String defaultLevel = defaultFormat.equals("text") ? "WARN" : "INFO";
        String level = env.string("LOG_LEVEL", defaultLevel).toUpperCase(Locale.ROOT);
        if (!LEVELS.contains(level)) {
            env.problem("LOG_LEVEL", "must be one of TRACE, DEBUG, INFO, WARN, ERROR, OFF, got '" + level + "'");
            level = defaultLevel;
        }
        return new LoggingSettings(format, level);
    }

    void apply() {
        System.setProperty("mentorium.log.format", format);
        System.setProperty("mentorium.log.level", level);
    }
}
