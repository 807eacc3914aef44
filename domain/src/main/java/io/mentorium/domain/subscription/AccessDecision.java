package io.mentorium.domain.subscription;

import java.time.Instant;
import java.util.Optional;

/** The answer to "may this parent use this feature now?". */
public sealed interface AccessDecision {

    default boolean allowed() {
        return !(this instanceof Denied);
    }

    /** A free feature, or a paid one inside a paid period. {@code until} is empty for free features. */
    record Granted(Optional<Instant> until) implements AccessDecision {
    }

    /** The paid periods ended, but the grace period has not: allowed, and the parent should be reminded. */
    record GrantedInGrace(Instant graceEndsAt) implements AccessDecision {
    }

    /** Not allowed; {@code expiredAt} is when the last paid period ended (access lasted the grace period longer), empty if the parent never paid. */
    record Denied(Feature feature, Optional<Instant> expiredAt) implements AccessDecision {
    }
}
