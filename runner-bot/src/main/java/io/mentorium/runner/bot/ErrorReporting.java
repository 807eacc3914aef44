package io.mentorium.runner.bot;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import io.mentorium.application.pipeline.Redaction;
import io.sentry.Breadcrumb;
import io.sentry.Sentry;
import io.sentry.SentryEvent;
import io.sentry.SentryOptions;
import io.sentry.logback.SentryAppender;
import io.sentry.protocol.Message;
import io.sentry.protocol.SentryException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Errors logged at ERROR go to Sentry, scrubbed. The only class that names Sentry's types: it is loaded only when
 * {@code SENTRY_DSN} is set, so without one nothing of Sentry is loaded, started or sent.
 *
 * <p>Every text an event carries (the message, exception values, breadcrumbs, tags, extras) passes through
 * {@link Redaction#mask} before it leaves the process — e-mails masked, bot tokens and digit runs (link codes)
 * replaced — and the user, request and server name are dropped: a log line may quote a parent, Sentry must not.
 */
final class ErrorReporting {

    static final String APPENDER_NAME = "sentry";

    private ErrorReporting() {
    }

    /** Adds the Sentry appender to the root logger; events carry {@code environment}, {@code release} and the service. */
    static void install(LoggingSettings.Sentry settings, String service) {
        SentryOptions options = new SentryOptions();
        options.setDsn(settings.dsn());
        options.setEnvironment(settings.environment());
        options.setRelease(settings.release());
        options.setSendDefaultPii(false);
        options.setAttachServerName(false);
        options.setTag("service", service);
        options.setBeforeSend((event, hint) -> scrub(event));
        options.setBeforeBreadcrumb((breadcrumb, hint) -> scrub(breadcrumb));
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        SentryAppender appender = new SentryAppender();
        appender.setName(APPENDER_NAME);
        appender.setContext(context);
        appender.setOptions(options);
        appender.setMinimumEventLevel(Level.ERROR);
        appender.setMinimumBreadcrumbLevel(Level.INFO);
        appender.start();
        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(appender);
    }

    /** Sends what is queued (bounded by Sentry's own flush timeout) and stops; for the shutdown path. */
    static void close() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        var appender = root.getAppender(APPENDER_NAME);
        if (appender != null) {
            root.detachAppender(appender);
            appender.stop();
        }
        Sentry.close();
    }

    static SentryEvent scrub(SentryEvent event) {
        Message message = event.getMessage();
        if (message != null) {
            message.setFormatted(mask(message.getFormatted()));
            message.setMessage(mask(message.getMessage()));
            // The arguments are what a parent may have typed; the formatted message carries them masked.
            message.setParams(null);
        }
        if (event.getExceptions() != null) {
            for (SentryException exception : event.getExceptions()) {
                exception.setValue(mask(exception.getValue()));
            }
        }
        if (event.getBreadcrumbs() != null) {
            event.getBreadcrumbs().forEach(ErrorReporting::scrub);
        }
        if (event.getTags() != null) {
            Map<String, String> tags = new LinkedHashMap<>();
            event.getTags().forEach((key, value) -> tags.put(key, mask(value)));
            event.setTags(tags);
        }
        if (event.getExtras() != null) {
            Map<String, Object> extras = new LinkedHashMap<>();
            event.getExtras().forEach((key, value) -> extras.put(key, mask(String.valueOf(value))));
            event.setExtras(extras);
        }
        // MDC and other contexts: kept by name, values masked.
        for (String key : java.util.Collections.list(event.getContexts().keys())) {
            Object value = event.getContexts().get(key);
            if (value instanceof Map<?, ?> map) {
                Map<String, Object> masked = new LinkedHashMap<>();
                map.forEach((k, v) -> masked.put(String.valueOf(k), v instanceof String s ? mask(s) : v));
                event.getContexts().put(key, masked);
            }
        }
        event.setUser(null);
        event.setRequest(null);
        event.setServerName(null);
        return event;
    }

    static Breadcrumb scrub(Breadcrumb breadcrumb) {
        breadcrumb.setMessage(mask(breadcrumb.getMessage()));
        for (String key : List.copyOf(breadcrumb.getData().keySet())) {
            Object value = breadcrumb.getData(key);
            breadcrumb.setData(key, value instanceof String s ? mask(s) : value);
        }
        return breadcrumb;
    }

    private static String mask(String text) {
        return text == null ? null : Redaction.mask(text);
    }
}
