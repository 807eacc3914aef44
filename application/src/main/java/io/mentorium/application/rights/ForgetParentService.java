package io.mentorium.application.rights;

import io.mentorium.application.port.in.ForgetParent;
import io.mentorium.application.port.out.EventLog;
import io.mentorium.application.port.out.ParentRepository;
import io.mentorium.application.port.out.PersonalData;
import io.mentorium.application.port.out.TransactionRunner;
import io.mentorium.domain.shared.TelegramUserId;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * "Forget me": one transaction erases the parent's personal data and records that it happened (without their id).
 * Payments are accounting records and stay, with the payer replaced by a pseudonym: a random id of at least 2^62, a
 * range no Telegram account has (Telegram's ids fit in 52 bits), so it keeps every stored payment valid while pointing
 * at nobody, and cannot be turned back into the Telegram id (it is random, not a hash of it).
 */
public final class ForgetParentService implements ForgetParent {

    private static final Logger LOG = LoggerFactory.getLogger(ForgetParentService.class);

    /** The smallest pseudonymous payer id. */
    public static final long PSEUDONYM_FLOOR = 1L << 62;

    private final ParentRepository parents;
    private final PersonalData data;
    private final EventLog events;
    private final TransactionRunner transactions;
    private final Clock clock;
    private final LongSupplier randomBits;

    public ForgetParentService(ParentRepository parents, PersonalData data, EventLog events,
                               TransactionRunner transactions, Clock clock) {
        this(parents, data, events, transactions, clock, new SecureRandom()::nextLong);
    }

    public ForgetParentService(ParentRepository parents, PersonalData data, EventLog events,
                               TransactionRunner transactions, Clock clock, LongSupplier randomBits) {
        this.parents = Objects.requireNonNull(parents, "parents");
        this.data = Objects.requireNonNull(data, "data");
        this.events = Objects.requireNonNull(events, "events");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.randomBits = Objects.requireNonNull(randomBits, "randomBits");
    }

    @Override
    public Outcome forget(TelegramUserId parent) {
        Instant now = clock.instant();
        long pseudonym = PSEUDONYM_FLOOR | (randomBits.getAsLong() & (PSEUDONYM_FLOOR - 1));
        return transactions.inTransaction(() -> {
            if (parents.findById(parent).isEmpty()) {
                return new Outcome.NotRegistered();
            }
            Map<String, Integer> erased = data.erase(parent, pseudonym, now);
            Map<String, String> details = new java.util.TreeMap<>();
            erased.forEach((table, rows) -> details.put(table, Integer.toString(rows)));
            events.record(new EventLog.Event("parent.forgotten", Optional.empty(), details, now));
            LOG.info("A parent's data was erased at their request: {}", details);
            return new Outcome.Forgotten();
        });
    }
}
