package io.mentorium.runner.bot.http;

/**
 * One endpoint mounted on the {@link OperationsServer} for a method and an exact path (for example PayMe's
 * {@code POST /payments/payme}). It runs on a virtual thread, so it may block; the body has already been read and
 * capped. An exception it throws becomes a generic 500, logged with the path.
 */
@FunctionalInterface
public interface HttpRoute {

    HttpReply handle(HttpCall call) throws Exception;
}
