package io.mentorium.application.billing;

import io.mentorium.application.port.out.Outbox.QueuedMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The receipts and refund notices queued by the transaction running on this thread, so that whoever runs the
 * outermost transaction hands them to the outbox relay once it has committed — never before: a receipt must not be
 * sent for a payment that may still roll back.
 *
 * <p>{@link io.mentorium.application.port.in.SettlePayment} runs its own transaction and hands its messages over itself when nobody collects. A caller
 * that wraps it in a transaction of its own (the update pipeline, a provider's webhook storing its protocol state)
 * must collect around that transaction with {@link #collect}, or with {@link #begin()}/{@link #end()}, and deliver
 * what it got after the commit. A message never handed over is not lost, only late: it is pending in the outbox, and
 * the relay resumes pending messages when it starts.
 *
 * @see io.mentorium.application.port.in.SettlePayment
 */
public final class PaymentReceipts {

    private static final ThreadLocal<List<QueuedMessage>> CURRENT = new ThreadLocal<>();

    /** What a transaction answered, with the messages it queued for delivery after its commit. */
    public record Collected<T>(T value, List<QueuedMessage> messages) {

        public Collected {
            messages = List.copyOf(messages);
        }
    }

    private PaymentReceipts() {
    }

    /** Starts collecting on this thread, forgetting what an earlier (rolled back) attempt collected. */
    public static void begin() {
        CURRENT.set(new ArrayList<>());
    }

    /** Stops collecting and answers what was collected since {@link #begin()}. */
    public static List<QueuedMessage> end() {
        List<QueuedMessage> queued = CURRENT.get();
        CURRENT.remove();
        return queued == null ? List.of() : List.copyOf(queued);
    }

    /**
     * Runs {@code transaction} (which must commit before it returns) collecting what it queued. A collection already
     * open on this thread is left to its opener: the messages go there, and none come back here.
     */
    public static <T> Collected<T> collect(Supplier<T> transaction) {
        if (collecting()) {
            return new Collected<>(transaction.get(), List.of());
        }
        begin();
        try {
            T value = transaction.get();
            return new Collected<>(value, end());
        } finally {
            CURRENT.remove();
        }
    }

    static boolean collecting() {
        return CURRENT.get() != null;
    }

    static void add(List<QueuedMessage> queued) {
        List<QueuedMessage> current = CURRENT.get();
        if (current != null) {
            current.addAll(queued);
        }
    }
}
