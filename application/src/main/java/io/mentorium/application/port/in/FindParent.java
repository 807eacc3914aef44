package io.mentorium.application.port.in;

import io.mentorium.domain.parent.Parent;
import io.mentorium.domain.shared.TelegramUserId;
import io.mentorium.domain.staff.StaffRole;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** An operator's {@code /find <telegram id | e-mail>}. Answers carry e-mails masked only. */
public interface FindParent {

    Outcome find(TelegramUserId actor, String query);

    /**
     * @param maskedEmails the guardian e-mails the parent linked children through, masked
     * @param subscription the parent's subscription state as the subscription screen shows it
     */
    record Found(TelegramUserId id, Parent parent, List<String> maskedEmails, ViewSubscription.Overview subscription,
                 Optional<StaffRole> role) {

        public Found {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(parent, "parent");
            maskedEmails = List.copyOf(maskedEmails);
            Objects.requireNonNull(subscription, "subscription");
            Objects.requireNonNull(role, "role");
        }
    }

    sealed interface Outcome {

        /** One or more parents (an e-mail may be shared by both parents of a child). */
        record Parents(List<Found> parents) implements Outcome {

            public Parents {
                parents = List.copyOf(parents);
            }
        }

        record NotFound() implements Outcome {
        }

        /** Neither a Telegram id nor an e-mail. */
        record BadQuery() implements Outcome {
        }

        record NotAllowed() implements Outcome {
        }
    }
}
