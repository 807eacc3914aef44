package io.mentorium.application.port.in;

import io.mentorium.domain.shared.TelegramUserId;

/**
 * An admin's {@code /broadcast <text>}: a draft shown back with Confirm and Cancel, and once confirmed a system
 * announcement queued for every parent who receives system notifications, once each, past their quiet hours.
 */
public interface BroadcastAnnouncement {

    /** The longest announcement: a message's limit less room for the header. */
    int MAX_TEXT = 3500;

    Prepared prepare(TelegramUserId actor, String text);

    Decision confirm(TelegramUserId actor, long broadcastId);

    Decision cancel(TelegramUserId actor, long broadcastId);

    /**
     * Queues confirmed announcements page by page (each page its own transaction) until every parent was considered.
     *
     * @return how many messages were queued
     */
    int deliverPending();

    sealed interface Prepared {

        record Draft(long id, String text) implements Prepared {
        }

        record Empty() implements Prepared {
        }

        record TooLong(int length) implements Prepared {
        }

        record NotAllowed() implements Prepared {
        }
    }

    sealed interface Decision {

        record Confirmed(long id) implements Decision {
        }

        record Cancelled(long id) implements Decision {
        }

        /** Confirmed or cancelled before (a second press): nothing changed. */
        record AlreadyDecided(long id) implements Decision {
        }

        record Unknown() implements Decision {
        }

        record NotAllowed() implements Decision {
        }
    }
}
