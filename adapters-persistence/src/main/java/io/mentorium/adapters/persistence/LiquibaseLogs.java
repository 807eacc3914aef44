package io.mentorium.adapters.persistence;

import java.util.logging.Level;
import liquibase.logging.core.AbstractLogService;
import liquibase.logging.core.AbstractLogger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Liquibase's logging, sent to SLF4J instead of java.util.logging (which prints to stderr, past the JSON log format
 * and into the console conversation). Its INFO lines become DEBUG: {@link Migrations} sums a run up in one line.
 */
final class LiquibaseLogs extends AbstractLogService {

    @Override
    public int getPriority() {
        return PRIORITY_SPECIALIZED;
    }

    @Override
    public liquibase.logging.Logger getLog(@SuppressWarnings("rawtypes") Class type) {
        return new Slf4jLogger(LoggerFactory.getLogger(type));
    }

    private static final class Slf4jLogger extends AbstractLogger {

        private final Logger logger;

        Slf4jLogger(Logger logger) {
            this.logger = logger;
        }

        @Override
        public void log(Level level, String message, Throwable e) {
            if (level == Level.OFF) {
                return; // Liquibase logs some notices "at" OFF to mean: not at all
            }
            int value = level.intValue();
            if (value >= Level.SEVERE.intValue()) {
                logger.error(message, e);
            } else if (value >= Level.WARNING.intValue()) {
                logger.warn(message, e);
            } else if (value >= Level.FINE.intValue()) {
                logger.debug(message, e);
            } else {
                logger.trace(message, e);
            }
        }

        @Override
        public void close() {
            // nothing held
        }
    }
}
