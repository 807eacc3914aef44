package io.mentorium.runner.bot.http;

import java.util.Locale;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors Jetty produces itself (a malformed request, a failure escaping the router) in the same JSON shape as ours:
 * only the status's standard reason, never the exception's message or stack, whatever the client accepts.
 */
final class JsonErrorHandler extends ErrorHandler {

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) {
        String reason = HttpStatus.getMessage(code);
        Router.send(HttpReply.error(code, reason == null ? "error" : reason.toLowerCase(Locale.ROOT)), response,
                callback);
    }
}
