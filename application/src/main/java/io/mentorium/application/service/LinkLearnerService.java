package io.mentorium.application.service;

import io.mentorium.application.port.in.LinkLearner;
import io.mentorium.application.port.out.EventLog;
import io.mentorium.application.port.out.LearnerDirectory;
import io.mentorium.application.port.out.LinkAttemptLog;
import io.mentorium.application.port.out.LinkAttemptLog.LinkAttempt;
import io.mentorium.application.port.out.ParentRepository;
import io.mentorium.application.port.out.TransactionRunner;
import io.mentorium.application.port.out.Trials;
import io.mentorium.domain.learner.Learner;
import io.mentorium.domain.learner.LearnerId;
import io.mentorium.domain.learner.LinkCode;
import io.mentorium.domain.parent.LinkChange;
import io.mentorium.domain.parent.LinkingLockout;
import io.mentorium.domain.parent.Parent;
import io.mentorium.domain.shared.EmailKey;
import io.mentorium.domain.shared.TelegramUserId;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Links a parent to a learner through a guardian e-mail and a link code.
 *
 * <p>What this class guards against is a stranger harvesting children: an unknown e-mail, a wrong code and another
 * family's code end in the same answer, the same attempt record and the same single directory query (so they take
 * the same time), and every one of them counts towards the {@link LinkingLockout}s: one per Telegram account, and one
 * per guardian e-mail across all accounts, so that many accounts get no more guesses at one family's code than one
 * would. Neither the e-mail nor the code is ever written to a log or an event as typed.
 *
 * <p>The e-mail lockout is the per-learner limit too: a wrong code names no learner, and the only way to a learner's
 * code is through one of its guardian e-mails, so guesses at one child are bounded by the e-mail limit times the
 * child's few guardian e-mails. Counting per learner exactly would need the platform's answer before the lockout check
 * (costing the platform a query for every locked attempt), and a lock set off through another e-mail would tell that
 * both e-mails guard one child.
 */
public final class LinkLearnerService implements LinkLearner {

    private static final Logger LOG = LoggerFactory.getLogger(LinkLearnerService.class);

    private final ParentRepository parents;
    private final LearnerDirectory directory;
    private final LinkAttemptLog attempts;
    private final EventLog events;
    private final Trials trials;
    private final TransactionRunner transactions;
    private final LinkingLockout lockout;
    private final LinkingLockout emailLockout;
    private final Clock clock;

    /**
     * With the documented policy: {@link LinkingLockout#STANDARD} (five rejected codes within an hour per account) and
     * {@link LinkingLockout#PER_GUARDIAN_EMAIL} (ten within an hour per e-mail, whichever accounts typed them).
     */
    @Inject
    public LinkLearnerService(ParentRepository parents, LearnerDirectory directory, LinkAttemptLog attempts,
                              EventLog events, Trials trials, TransactionRunner transactions, Clock clock) {
        this(parents, directory, attempts, events, trials, transactions, LinkingLockout.STANDARD, clock);
    }

    public LinkLearnerService(ParentRepository parents, LearnerDirectory directory, LinkAttemptLog attempts,
                              EventLog events, Trials trials, TransactionRunner transactions, LinkingLockout lockout,
                              Clock clock) {
        this(parents, directory, attempts, events, trials, transactions, lockout, LinkingLockout.PER_GUARDIAN_EMAIL,
                clock);
    }

    public LinkLearnerService(ParentRepository parents, LearnerDirectory directory, LinkAttemptLog attempts,
                              EventLog events, Trials trials, TransactionRunner transactions,
                              LinkingLockout lockout, LinkingLockout emailLockout, Clock clock) {
        this.parents = Objects.requireNonNull(parents, "parents");
        this.directory = Objects.requireNonNull(directory, "directory");
        this.attempts = Objects.requireNonNull(attempts, "attempts");
        this.events = Objects.requireNonNull(events, "events");
        this.trials = Objects.requireNonNull(trials, "trials");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.lockout = Objects.requireNonNull(lockout, "lockout");
        this.emailLockout = Objects.requireNonNull(emailLockout, "emailLockout");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public CodeCheck check(Request request) {
        return attempt(request, false);
    }

    @Override
    public CodeCheck link(Request request) {
        return attempt(request, true);
    }

    /** What a code matched: the learner and whether the code is still good. */
    private sealed interface Match {

        record NoMatch() implements Match {
        }

        record AllExpired(LearnerId learnerId) implements Match {
        }

        record Deactivated(LearnerId learnerId) implements Match {
        }

        record Usable(Learner learner) implements Match {
        }

        record AlreadyLinkedLearner(Learner learner) implements Match {
        }
    }

    private CodeCheck attempt(Request request, boolean link) {
        Objects.requireNonNull(request, "request");
        Instant now = clock.instant();
        TelegramUserId parentId = request.parentId();
        Optional<Parent> parent = parents.findById(parentId);
        if (parent.isEmpty()) {
            LOG.info("Link attempt by unregistered user {}", parentId);
            return new CodeCheck.NotRegistered();
        }
        // The lockouts are checked before anything else so that a locked-out parent learns nothing, costs the
        // platform database nothing, and does not push the end of their own lockout further away. The e-mail's is
        // counted from the bot's own records whether or not the platform knows the e-mail, so an unknown e-mail is
        // locked after as many failures, in as much time, with the same answer as a real one.
        EmailKey emailKey = EmailKey.of(request.email());
        Optional<Duration> locked = lockedFor(parentId, emailKey, now);
        if (locked.isPresent()) {
            LOG.warn("Link attempt by locked-out parent {} for {} (retry after {})", parentId,
                    request.email().masked(), locked.get());
            return new CodeCheck.LockedOut(locked.get());
        }
        if (!request.plausibleCode()) {
            // No code is that long (or empty): a rejection like any other, without a platform round trip.
            return reject(request, now);
        }

        // The directory is the platform's read-only database: read it outside the bot's transaction.
        Match match = match(request, parent.get(), now);
        return switch (match) {
            case Match.NoMatch noMatch -> reject(request, now);
            case Match.AllExpired expired -> expire(request, expired.learnerId(), now);
            case Match.Deactivated deactivated -> deactivated(request, deactivated.learnerId(), now);
            case Match.AlreadyLinkedLearner already -> {
                LOG.info("Parent {} typed a code of learner {} whom they linked already", parentId,
                        already.learner().id());
                yield new CodeCheck.AlreadyLinked(already.learner());
            }
            case Match.Usable usable when !link && parent.get().links().size() >= Parent.MAX_CHILDREN -> {
                // Only once the code proved right: a full parent typing a wrong code is rejected like anyone else,
                // so this answer cannot be used to probe without a valid code. Linking checks again in its
                // transaction, on a fresh copy of the parent.
                LOG.info("Parent {} typed a valid code of learner {} but has {} children linked already", parentId,
                        usable.learner().id(), Parent.MAX_CHILDREN);
                yield new CodeCheck.TooManyChildren(Parent.MAX_CHILDREN);
            }
            case Match.Usable usable when !link -> {
                LOG.info("Parent {} typed a valid code of learner {} via {}", parentId, usable.learner().id(),
                        request.email().masked());
                yield new CodeCheck.CodeAccepted(usable.learner());
            }
            case Match.Usable usable -> linkInTransaction(request, usable.learner(), now);
        };
    }

    private Match match(Request request, Parent parent, Instant now) {
        // Asked whatever the e-mail: a separate "does this e-mail guard anyone?" round trip, skipped for unknown
        // e-mails, would make them answer measurably faster than a wrong code and so reveal which e-mails exist.
        // The typed code is passed normalized so that an adapter comparing in SQL cannot get case or spaces wrong;
        // the result is checked again here because an adapter matching too loosely would link a child on a wrong code.
        List<LinkCode> codes = directory.findCodesForGuardian(request.email(), LinkCode.normalize(request.code()))
                .stream()
                .filter(code -> code.matches(request.code()))
                .toList();
        if (codes.isEmpty()) {
            return new Match.NoMatch();
        }
        // Only an e-mail and code that match get this far: the extra round trip tells nothing a guesser may not know.
        List<Learner> found = directory.findByIds(codes.stream().map(LinkCode::learnerId).toList());
        Map<LearnerId, Learner> learners = found.stream()
                .filter(Learner::active)
                .collect(Collectors.toMap(Learner::id, Function.identity(), (first, second) -> first));
        List<LinkCode> linkable = codes.stream().filter(code -> learners.containsKey(code.learnerId())).toList();
        if (linkable.isEmpty()) {
            // A deactivated learner is said to be one, so that a parent with the right code does not retry it into a
            // lockout; a learner removed from the platform (between the two reads) matches nothing.
            return found.stream().filter(learner -> !learner.active()).findFirst()
                    .<Match>map(learner -> new Match.Deactivated(learner.id()))
                    .orElseGet(Match.NoMatch::new);
        }
        List<LinkCode> valid = linkable.stream().filter(code -> !code.isExpiredAt(now)).toList();
        if (valid.isEmpty()) {
            return new Match.AllExpired(linkable.getFirst().learnerId());
        }
        // Two children of one family may share a code; the one not linked yet is the one the parent means.
        return valid.stream()
                .filter(code -> !parent.isLinkedTo(code.learnerId()))
                .findFirst()
                .<Match>map(code -> new Match.Usable(learners.get(code.learnerId())))
                .orElseGet(() -> new Match.AlreadyLinkedLearner(learners.get(valid.getFirst().learnerId())));
    }

    private CodeCheck reject(Request request, Instant now) {
        TelegramUserId parentId = request.parentId();
        // Unknown e-mail, wrong code and another family's code are recorded identically (no learner), so that
        // neither the answer nor the audit trail tells them apart.
        EmailKey emailKey = EmailKey.of(request.email());
        attempts.record(new LinkAttempt(parentId, emailKey, LinkAttemptLog.Outcome.REJECTED, Optional.empty(), now));
        List<Instant> failures = attempts.failuresSince(parentId, lockout.countingSince(now));
        List<Instant> emailFailures = attempts.failuresSince(emailKey, emailLockout.countingSince(now));
        Optional<Duration> locked = longest(lockout.lockedFor(failures, now), emailLockout.lockedFor(emailFailures, now));
        if (locked.isPresent()) {
            LOG.warn("Parent {} rejected a code for {} and is now locked out for {}", parentId,
                    request.email().masked(), locked.get());
            return new CodeCheck.LockedOut(locked.get());
        }
        // The fewer of the two, so that the count a parent is shown never ends in a lockout they were not warned of.
        int attemptsLeft = Math.min(lockout.attemptsLeft(failures, now), emailLockout.attemptsLeft(emailFailures, now));
        LOG.info("Parent {} rejected a code for {} ({} attempts left)", parentId, request.email().masked(),
                attemptsLeft);
        return new CodeCheck.Rejected(attemptsLeft);
    }

    private CodeCheck expire(Request request, LearnerId learnerId, Instant now) {
        // An expired code proves the parent saw the family's account once: not a guess, so not a failure.
        attempts.record(new LinkAttempt(request.parentId(), EmailKey.of(request.email()),
                LinkAttemptLog.Outcome.EXPIRED, Optional.of(learnerId), now));
        LOG.info("Parent {} typed an expired code of learner {} via {}", request.parentId(), learnerId,
                request.email().masked());
        return new CodeCheck.Expired();
    }

    private CodeCheck deactivated(Request request, LearnerId learnerId, Instant now) {
        // Like an expired code, a right code of a deactivated learner is no guess: not a failure.
        attempts.record(new LinkAttempt(request.parentId(), EmailKey.of(request.email()),
                LinkAttemptLog.Outcome.INACTIVE, Optional.of(learnerId), now));
        LOG.info("Parent {} typed a code of learner {}, whose account is deactivated, via {}", request.parentId(),
                learnerId, request.email().masked());
        return new CodeCheck.Inactive();
    }

    private CodeCheck linkInTransaction(Request request, Learner learner, Instant now) {
        return transactions.inTransaction(() -> {
            // Reloaded inside the transaction: the copy read before the directory round trip may be stale (another
            // chat of the same parent may have linked or unlinked meanwhile).
            Optional<Parent> current = parents.findById(request.parentId());
            if (current.isEmpty()) {
                return new CodeCheck.NotRegistered();
            }
            Parent parent = current.get();
            LinkChange change = parent.link(learner.id(), request.email(), now);
            return switch (change) {
                case LINKED -> {
                    parents.save(parent);
                    // Without this, a parent linked only to this child could start a second trial for the family.
                    trials.adopt(parent.id(), learner.id());
                    attempts.record(new LinkAttempt(parent.id(), EmailKey.of(request.email()),
                            LinkAttemptLog.Outcome.LINKED, Optional.of(learner.id()), now));
                    events.record(new EventLog.Event("learner.linked", Optional.of(parent.id()),
                            Map.of("learner_id", learner.id().value(), "email", request.email().masked()), now));
                    LOG.info("Parent {} linked learner {} via {}", parent.id(), learner.id(),
                            request.email().masked());
                    yield new CodeCheck.Linked(learner);
                }
                case ALREADY_LINKED -> new CodeCheck.AlreadyLinked(learner);
                case TOO_MANY_CHILDREN -> {
                    LOG.info("Parent {} cannot link learner {}: {} children linked already", parent.id(),
                            learner.id(), Parent.MAX_CHILDREN);
                    yield new CodeCheck.TooManyChildren(Parent.MAX_CHILDREN);
                }
            };
        });
    }

    private Optional<Duration> lockedFor(TelegramUserId parentId, EmailKey emailKey, Instant now) {
        // Both are read every time, even when the first already locks: the answer then takes as long either way.
        Optional<Duration> account = lockout.lockedFor(attempts.failuresSince(parentId, lockout.countingSince(now)), now);
        Optional<Duration> email =
                emailLockout.lockedFor(attempts.failuresSince(emailKey, emailLockout.countingSince(now)), now);
        return longest(account, email);
    }

    private static Optional<Duration> longest(Optional<Duration> first, Optional<Duration> second) {
        if (first.isEmpty()) {
            return second;
        }
        if (second.isEmpty()) {
            return first;
        }
        return Optional.of(first.get().compareTo(second.get()) >= 0 ? first.get() : second.get());
    }
}
