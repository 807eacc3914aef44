package io.mentorium.runner.bot.metrics;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.prometheus.metrics.core.metrics.Counter;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code errors_total{component}}: every line logged at ERROR, counted by the part of the bot that logged it. Counting
 * the log rather than calling a counter at each failure keeps one rule — an error worth an operator's attention is
 * logged at ERROR — and cannot miss a place. Components are a fixed list, so labels stay bounded.
 */
public final class ErrorCounter extends AppenderBase<ILoggingEvent> {

    static final String NAME = "errors-total";
    static final List<String> COMPONENTS = List.of("telegram", "persistence", "openai", "payments", "pipeline",
            "assistant", "billing", "conversation", "reports", "service", "runner", "library");

    private final Counter errors;

    ErrorCounter(Counter errors) {
        this.errors = errors;
    }

    /** Counts the errors of this process's root logger from now on. */
    static void attach(MetricsRegistry registry) {
        Counter errors = Counter.builder().name("errors_total")
                .help("Lines logged at ERROR, by the component that logged them").labelNames("component")
                .withoutExemplars().register(registry.prometheus());
        COMPONENTS.forEach(errors::labelValues);
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        if (root.getAppender(NAME) instanceof ErrorCounter previous) {
            // One counter per registry; a second runtime in the same JVM (tests) takes the appender over.
            root.detachAppender(previous);
            previous.stop();
        }
        ErrorCounter appender = new ErrorCounter(errors);
        appender.setName(NAME);
        appender.setContext(context);
        appender.start();
        root.addAppender(appender);
    }

    @Override
    protected void append(ILoggingEvent event) {
        if (event.getLevel().isGreaterOrEqual(Level.ERROR)) {
            errors.labelValues(component(event.getLoggerName())).inc();
        }
    }

    static String component(String logger) {
        String[] parts = logger.split("\\.");
        if (parts.length >= 4 && parts[0].equals("io") && parts[1].equals("mentorium")) {
            String candidate = switch (parts[2]) {
                case "adapters", "application" -> parts[3];
                case "runner" -> "runner";
                default -> "library";
            };
            return COMPONENTS.contains(candidate) ? candidate : "library";
        }
        return "library";
    }
}
