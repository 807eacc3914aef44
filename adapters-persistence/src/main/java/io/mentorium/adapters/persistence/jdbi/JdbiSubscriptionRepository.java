package io.mentorium.adapters.persistence.jdbi;

import io.mentorium.application.port.out.SubscriptionRepository;
import io.mentorium.domain.shared.PaymentId;
import io.mentorium.domain.shared.TelegramUserId;
import io.mentorium.domain.subscription.Grant;
import io.mentorium.domain.subscription.Plan;
import io.mentorium.domain.subscription.Subscription;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Subscriptions as their grants in {@code bot.subscription_grants}. Saving replaces the parent's grants in one
 * transaction (joining the caller's); a payment already granted to another parent breaks the primary key and fails.
 */
public final class JdbiSubscriptionRepository implements SubscriptionRepository {

    // Plain JDBC (HotPath): the subscription screen reads this on a chat's turn, where a SqlObject extension per call
    // cost more than the rest of the screen (docs/PERFORMANCE.md).
    private static final String GRANTS = """
            SELECT payment_id, plan, paid_at FROM bot.subscription_grants
             WHERE parent_id = ? ORDER BY paid_at, payment_id
            """;

    static final String GRANTS_OF_ALL = """
            SELECT payment_id, parent_id, plan, paid_at FROM bot.subscription_grants
             WHERE parent_id = ANY (?) ORDER BY parent_id, paid_at, payment_id
            """;

    private final Jdbi jdbi;

    public JdbiSubscriptionRepository(Jdbi jdbi) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
    }

    @Override
    public Subscription findFor(TelegramUserId parentId) {
        long parent = parentId.value();
        Optional<List<GrantRow>> ahead = ReadAhead.grants(parent);
        if (ahead.isPresent()) {
            return toSubscription(parentId, ahead.get());
        }
        return toSubscription(parentId, HotPath.query(jdbi, "load a subscription", GRANTS,
                (statement, connection) -> statement.setLong(1, parent), rows -> {
                    List<GrantRow> grants = new ArrayList<>();
                    while (rows.next()) {
                        grants.add(new GrantRow(rows.getString("payment_id"), parent, rows.getString("plan"),
                                HotPath.getInstant(rows, "paid_at")));
                    }
                    return grants;
                }));
    }

    @Override
    public Map<TelegramUserId, Subscription> findForAll(Collection<TelegramUserId> parentIds) {
        return subscriptions(parentIds, grantsOf(parentIds, "load subscriptions"));
    }

    /** One statement for the whole batch; {@link #findFor} then serves them for the transaction (see ReadAhead). */
    @Override
    public Map<TelegramUserId, Subscription> readAhead(Collection<TelegramUserId> parentIds) {
        if (parentIds.isEmpty() || !ReadAhead.possible()) {
            return Map.of();
        }
        Map<Long, List<GrantRow>> byParent = grantsOf(parentIds, "read subscriptions ahead");
        ReadAhead.grantsRead(byParent);
        return subscriptions(parentIds, byParent);
    }

    /** The parents' grants in their order, every given parent a key (none: never paid). */
    private Map<Long, List<GrantRow>> grantsOf(Collection<TelegramUserId> parentIds, String action) {
        return HotPath.perParent(jdbi, action, GRANTS_OF_ALL, parentIds, () -> new ArrayList<>(1), (grants, row) -> {
            grants.add(new GrantRow(row.getString("payment_id"), row.getLong("parent_id"), row.getString("plan"),
                    HotPath.getInstant(row, "paid_at")));
            return grants;
        });
    }

    private static Map<TelegramUserId, Subscription> subscriptions(Collection<TelegramUserId> parentIds,
                                                                   Map<Long, List<GrantRow>> byParent) {
        Map<TelegramUserId, Subscription> found = new LinkedHashMap<>();
        for (TelegramUserId parentId : parentIds) {
            found.put(parentId, toSubscription(parentId, byParent.get(parentId.value())));
        }
        return found;
    }

    /** Joins the caller's transaction and holds the lock until it ends; without one, only for this call. */
    @Override
    public Subscription findForUpdate(TelegramUserId parentId) {
        return toSubscription(parentId, Storage.call("lock a subscription",
                () -> jdbi.inTransaction(handle -> {
                    SubscriptionDao dao = handle.attach(SubscriptionDao.class);
                    dao.lockParent(parentId.value());
                    return dao.grants(parentId.value());
                })));
    }

    private static Subscription toSubscription(TelegramUserId parentId, List<GrantRow> rows) {
        try {
            return Subscription.of(parentId, rows.stream()
                    .map(row -> new Grant(new PaymentId(row.paymentId()), Plan.valueOf(row.plan()), row.paidAt()))
                    .toList());
        } catch (RuntimeException e) {
            throw Storage.corrupt("subscription of parent " + parentId, e);
        }
    }

    @Override
    public void save(Subscription subscription) {
        long parentId = subscription.parentId().value();
        List<GrantRow> rows = subscription.grants().stream()
                .map(grant -> new GrantRow(grant.paymentId().value(), parentId, grant.plan().name(), grant.paidAt()))
                .toList();
        Storage.run("save a subscription", () -> jdbi.useTransaction(handle -> {
            SubscriptionDao dao = handle.attach(SubscriptionDao.class);
            dao.deleteGrants(parentId);
            if (!rows.isEmpty()) {
                dao.insertGrants(parentId, rows);
            }
        }));
    }
}
