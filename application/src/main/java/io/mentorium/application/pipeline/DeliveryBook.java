package io.mentorium.application.pipeline;

import io.mentorium.application.port.in.RecordUnreachableChat;
import io.mentorium.application.port.out.Messenger.SendResult;
import io.mentorium.application.port.out.Outbox;
import io.mentorium.application.port.out.Outbox.QueuedMessage;
import io.mentorium.application.port.out.PipelineMetrics;
import java.time.Clock;
import java.time.Instant;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records in the outbox what one send attempt came to and tells the relay what to do next with the chat. A sent message
 * is marked through {@link SentMarks}, batched and retried until written. The rarer records (a retry, a give-up, a
 * blocked chat) are written here once; should that fail, the in-memory decision stands and the row's state only
 * matters after a restart or to the relay's next pick-up pass, which finds it still pending (at worst a message is
 * tried once more then).
 */
final class DeliveryBook {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryBook.class);

    /** What the relay does with the chat after an attempt. */
    sealed interface Next {

        /** The head message is finished with (given up): go on with the chat's next one. */
        record Settled() implements Next {
        }

        /** The head message was sent; its mark is on the way: go on with the chat's next one. */
        record Sent() implements Next {
        }

        /** Try the head message again, as updated (attempts, not before). */
        record Retry(QueuedMessage updated) implements Next {
        }

        /** The person blocked the bot: drop everything queued for the chat. */
        record ChatBlocked() implements Next {
        }
    }

    private final Outbox outbox;
    private final RecordUnreachableChat unreachable;
    private final PipelineMetrics metrics;
    private final Clock clock;
    private final RelaySettings settings;
    private final Backoff backoff;
    private final SentMarks marks;

    DeliveryBook(Outbox outbox, RecordUnreachableChat unreachable, PipelineMetrics metrics, Clock clock,
                 RelaySettings settings, SentMarks marks) {
        this.outbox = outbox;
        this.marks = marks;
        this.unreachable = unreachable;
        this.metrics = metrics;
        this.clock = clock;
        this.settings = settings;
        this.backoff = settings.backoff();
    }

    Next record(QueuedMessage message, SendResult result) {
        Instant now = clock.instant();
        return switch (result) {
            case SendResult.Sent sent -> {
                marks.add(message.id());
                metrics.messageSent("sent");
                metrics.messageDelivered(MetricKinds.of(message.message()));
                yield new Next.Sent();
            }
            case SendResult.RetryAfter(var delay) -> {
                metrics.messageSent("retry");
                LOG.info("Telegram asked to wait {} before message {} to chat {}", delay, message.id(),
                        message.message().chatId());
                yield retry(message, now.plus(delay), "429");
            }
            case SendResult.Failed(var reason, var retryable) when retryable
                    && message.attempts() + 1 < settings.maxAttempts() -> {
                metrics.messageSent("retry");
                Instant notBefore = now.plus(backoff.after(message.attempts() + 1));
                LOG.warn("Message {} to chat {} failed ({}), attempt {}; retrying at {}", message.id(),
                        message.message().chatId(), reason, message.attempts() + 1, notBefore);
                yield retry(message, notBefore, reason);
            }
            case SendResult.Failed failed -> {
                metrics.messageSent("failed");
                LOG.warn("Message {} to chat {} given up after {} attempt(s): {}", message.id(),
                        message.message().chatId(), message.attempts() + 1, failed.reason());
                store("give up", message, () -> {
                    outbox.markGivenUp(message.id(), now, failed.reason());
                    return null;
                });
                yield new Next.Settled();
            }
            case SendResult.RecipientBlocked blocked -> {
                metrics.messageSent("blocked");
                store("record the blocked chat", message, () -> unreachable.recordBlocked(message.message().chatId()));
                yield new Next.ChatBlocked();
            }
        };
    }

    private Next retry(QueuedMessage message, Instant notBefore, String reason) {
        int attempts = message.attempts() + 1;
        store("record a retry", message, () -> {
            outbox.recordRetry(message.id(), attempts, notBefore, reason);
            return null;
        });
        return new Next.Retry(new QueuedMessage(message.id(), message.message(), attempts, notBefore));
    }

    /** Runs one outbox write; a failure is logged with the message's ids and swallowed (see the class comment). */
    private static <T> T store(String what, QueuedMessage message, Supplier<T> write) {
        try {
            return write.get();
        } catch (RuntimeException e) {
            LOG.error("Could not {} for message {} to chat {}", what, message.id(), message.message().chatId(), e);
            return null;
        }
    }
}
