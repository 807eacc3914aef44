package io.mentorium.application.service;

import static io.mentorium.application.service.Fixtures.AZIZ;
import static io.mentorium.application.service.Fixtures.AZIZ_CODE;
import static io.mentorium.application.service.Fixtures.FATHER;
import static io.mentorium.application.service.Fixtures.FATHER_EMAIL;
import static io.mentorium.application.service.Fixtures.MALIKA;
import static io.mentorium.application.service.Fixtures.MALIKA_CODE;
import static io.mentorium.application.service.Fixtures.MALIKA_CODE_EXPIRES;
import static io.mentorium.application.service.Fixtures.MOTHER;
import static io.mentorium.application.service.Fixtures.MOTHER_EMAIL;
import static io.mentorium.application.service.Fixtures.NOW;
import static io.mentorium.application.service.Fixtures.RASHIDOV_EMAIL;
import static io.mentorium.application.service.Fixtures.STRANGER;
import static io.mentorium.application.service.Fixtures.TASHKENT;
import static io.mentorium.application.service.Fixtures.TIMUR;
import static io.mentorium.application.service.Fixtures.TIMUR_CODE;
import static io.mentorium.application.service.Fixtures.UNKNOWN_EMAIL;
import static org.assertj.core.api.Assertions.assertThat;

import io.mentorium.application.port.in.LinkLearner.CodeCheck;
import io.mentorium.application.port.in.LinkLearner.Request;
import io.mentorium.application.port.out.EventLog;
import io.mentorium.application.port.out.LearnerDirectory;
import io.mentorium.application.port.out.LinkAttemptLog.LinkAttempt;
import io.mentorium.application.port.out.LinkAttemptLog.Outcome;
import io.mentorium.application.service.CountingPlatform.Query;
import io.mentorium.application.testing.DirectTransactionRunner;
import io.mentorium.application.testing.InMemoryEventLog;
import io.mentorium.application.testing.InMemoryLinkAttemptLog;
import io.mentorium.application.testing.InMemoryParentRepository;
import io.mentorium.application.testing.InMemoryPlatform;
import io.mentorium.application.testing.InMemoryTrials;
import io.mentorium.application.testing.MutableClock;
import io.mentorium.domain.learner.Learner;
import io.mentorium.domain.learner.LearnerId;
import io.mentorium.domain.learner.LinkCode;
import io.mentorium.domain.parent.LearnerLink;
import io.mentorium.domain.parent.LinkingLockout;
import io.mentorium.domain.parent.Parent;
import io.mentorium.domain.shared.Email;
import io.mentorium.domain.shared.EmailKey;
import io.mentorium.domain.shared.TelegramUserId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LinkLearnerServiceTest {

    private static final String WRONG_CODE = "ZZZZ-0000";

    private final MutableClock clock = new MutableClock(NOW, TASHKENT);
    private final InMemoryParentRepository parents = new InMemoryParentRepository();
    private final InMemoryLinkAttemptLog attempts = new InMemoryLinkAttemptLog();
    private final InMemoryEventLog events = new InMemoryEventLog();
    private final InMemoryTrials trials = new InMemoryTrials();
    private final DirectTransactionRunner transactions = new DirectTransactionRunner();
    private final InMemoryPlatform platformData = Fixtures.families();
    private final CountingPlatform platform = new CountingPlatform(platformData, transactions);
    private final LinkLearnerService service =
            new LinkLearnerService(parents, platform, attempts, events, trials, transactions, clock);

    @BeforeEach
    void registerParents() {
        parents.save(Fixtures.registered(MOTHER));
        parents.save(Fixtures.registered(FATHER));
        parents.save(Fixtures.registered(STRANGER));
    }

    private static Request request(TelegramUserId parent, Email email, String code) {
        return new Request(parent, email, code);
    }

    private Parent stored(TelegramUserId id) {
        return parents.findById(id).orElseThrow();
    }

    private List<Instant> failures(TelegramUserId parent) {
        return attempts.failuresSince(parent, Instant.EPOCH);
    }

    private CodeCheck failOnce(TelegramUserId parent) {
        return service.check(request(parent, MOTHER_EMAIL, WRONG_CODE));
    }

    /** The directory queries {@code attempt} makes, in order. */
    private List<Query> directoryCallsOf(Runnable attempt) {
        int before = platform.calls().size();
        attempt.run();
        List<Query> calls = platform.calls();
        return calls.subList(before, calls.size());
    }

    private void fillUp(TelegramUserId parent, LearnerId... alsoLinked) {
        List<LearnerId> children = new ArrayList<>(List.of(alsoLinked));
        for (int i = 1; children.size() < Parent.MAX_CHILDREN; i++) {
            children.add(new LearnerId("OTHER-" + i));
        }
        parents.save(Fixtures.linked(parent, MOTHER_EMAIL, children.toArray(LearnerId[]::new)));
    }

    /** A directory that answers {@code codes} to every code query and reads learners from {@code learners}. */
    private LinkLearnerService serviceOver(InMemoryPlatform learners, LinkCode... codes) {
        LearnerDirectory lying = new LearnerDirectory() {
            @Override
            public List<Learner> findByIds(Collection<LearnerId> ids) {
                return learners.findByIds(ids);
            }

            @Override
            public List<LinkCode> findCodesForGuardian(Email email, String typedCode) {
                return List.of(codes);
            }
        };
        return new LinkLearnerService(parents, lying, attempts, events, trials, transactions, clock);
    }

    // --- the happy path -------------------------------------------------------------------------------------------

    @Test
    void rightCodeIsAcceptedOnCheckAndLinkedOnConfirmation() {
        CodeCheck checked = service.check(request(MOTHER, MOTHER_EMAIL, AZIZ_CODE));

        assertThat(checked).isEqualTo(new CodeCheck.CodeAccepted(AZIZ));
        assertThat(stored(MOTHER).links()).isEmpty();
        assertThat(attempts.all()).isEmpty();

        CodeCheck linked = service.link(request(MOTHER, MOTHER_EMAIL, AZIZ_CODE));

        assertThat(linked).isEqualTo(new CodeCheck.Linked(AZIZ));
        assertThat(stored(MOTHER).links()).containsExactly(new LearnerLink(AZIZ.id(), MOTHER_EMAIL, NOW));
        assertThat(attempts.all()).containsExactly(
                new LinkAttempt(MOTHER, EmailKey.of(MOTHER_EMAIL), Outcome.LINKED, Optional.of(AZIZ.id()), NOW));
        assertThat(events.ofType("learner.linked")).containsExactly(new EventLog.Event("learner.linked",
                Optional.of(MOTHER), Map.of("learner_id", "L-1", "email", MOTHER_EMAIL.masked()), NOW));
    }

    @Test
    void checkingWritesNothingAndLinkingWritesInOneTransaction() {
        service.check(request(MOTHER, MOTHER_EMAIL, AZIZ_CODE));
        assertThat(transactions.transactions()).isZero();

        service.link(request(MOTHER, MOTHER_EMAIL, AZIZ_CODE));
        assertThat(transactions.transactions()).isEqualTo(1);
    }

    @Test
    void platformIsNeverQueriedInsideATransaction() {
        service.check(request(MOTHER, MOTHER_EMAIL, AZIZ_CODE));
        service.link(request(MOTHER, MOTHER_EMAIL, AZIZ_CODE));
        service.link(request(MOTHER, MOTHER_EMAIL, MALIKA_CODE));
        service.link(request(MOTHER, MOTHER_EMAIL, WRONG_CODE));

        assertThat(platform.directoryQueries()).isPositive();
        assertThat(platform.queriesInsideTransaction()).isZero();
    }

    @Test
    void aChildLinkedAfterTheTrialJoinsThatTrialsFamily() {
        service.link(request(MOTHER, MOTHER_EMAIL, AZIZ_CODE));
        trials.claim(MOTHER, List.of(AZIZ.id()), NOW, NOW.plus(Duration.ofDays(7)));

        service.link(request(MOTHER, MOTHER_EMAIL, MALIKA_CODE));

        assertThat(trials.claim(FATHER, List.of(MALIKA.id()), NOW, NOW.plus(Duration.ofDays(7))).granted())
                .as("Malika's family had its trial through her mother").isFalse();
    }

    @Test
    void parentLinksTwoChildrenWithOneGuardianEmail() {
        assertThat(service.link(request(MOTHER, MOTHER_EMAIL, AZIZ_CODE))).isEqualTo(new CodeCheck.Linked(AZIZ));
        clock.advance(Duration.ofMinutes(2));
        assertThat(service.link(request(MOTHER, MOTHER_EMAIL, MALIKA_CODE))).isEqualTo(new CodeCheck.Linked(MALIKA));

        assertThat(stored(MOTHER).learnerIds()).containsExactly(AZIZ.id(), MALIKA.id());
    }

    @Test
    void learnerIsLinkedByTwoParentsThroughTheirOwnGuardianEmails() {
        assertThat(service.link(request(MOTHER, MOTHER_EMAIL, AZIZ_CODE))).isEqualTo(new CodeCheck.Linked(AZIZ));
        assertThat(service.link(request(FATHER, FATHER_EMAIL, AZIZ_CODE))).isEqualTo(new CodeCheck.Linked(AZIZ));

        assertThat(stored(MOTHER).linkTo(AZIZ.id())).map(LearnerLink::viaEmail).contains(MOTHER_EMAIL);
        assertThat(stored(FATHER).linkTo(AZIZ.id())).map(LearnerLink::viaEmail).contains(FATHER_EMAIL);
    }

    @Test
    void codeTypedInLowerCaseWithSurroundingSpacesIsAccepted() {
        String typed = "  " + AZIZ_CODE.toLowerCase(Locale.ROOT) + " \n";

        assertThat(service.check(request(MOTHER, MOTHER_EMAIL, typed))).isEqualTo(new CodeCheck.CodeAccepted(AZIZ));
        assertThat(service.link(request(MOTHER, MOTHER_EMAIL, typed))).isEqualTo(new CodeCheck.Linked(AZIZ));
    }

    @Test
    void siblingsSharingACodeAreLinkedOneAfterTheOther() {
        platformData.code(new LinkCode(AZIZ.id(), "FAMILY-42", Optional.empty()))
                .code(new LinkCode(MALIKA.id(), "FAMILY-42", Optional.empty()));

        CodeCheck first = service.link(request(MOTHER, MOTHER_EMAIL, "FAMILY-42"));
        CodeCheck second = service.link(request(MOTHER, MOTHER_EMAIL, "FAMILY-42"));
        CodeCheck third = service.link(request(MOTHER, MOTHER_EMAIL, "FAMILY-42"));

        assertThat(List.of(first, second)).containsExactlyInAnyOrder(
                new CodeCheck.Linked(AZIZ), new CodeCheck.Linked(MALIKA));
        assertThat(third).isInstanceOf(CodeCheck.AlreadyLinked.class);
        assertThat(stored(MOTHER).learnerIds()).containsExactlyInAnyOrder(AZIZ.id(), MALIKA.id());
    }

    // --- outcomes other than a link -------------------------------------------------------------------------------

    @Test
    void linkingAChildAgainAnswersAlreadyLinkedAndChangesNothing() {
        service.link(request(MOTHER, MOTHER_EMAIL, AZIZ_CODE));
        Parent before = stored(MOTHER);

        assertThat(service.check(request(MOTHER, MOTHER_EMAIL, AZIZ_CODE)))
                .isEqualTo(new CodeCheck.AlreadyLinked(AZIZ));
        assertThat(service.link(request(MOTHER, MOTHER_EMAIL, AZIZ_CODE)))
                .isEqualTo(new CodeCheck.AlreadyLinked(AZIZ));

        assertThat(stored(MOTHER)).isEqualTo(before);
        assertThat(failures(MOTHER)).isEmpty();
        assertThat(events.ofType("learner.linked")).hasSize(1);
    }

    @Test
    void parentWithTheMostChildrenAllowedCannotLinkAnother() {
        fillUp(MOTHER);

        assertThat(service.link(request(MOTHER, MOTHER_EMAIL, AZIZ_CODE)))
                .isEqualTo(new CodeCheck.TooManyChildren(Parent.MAX_CHILDREN));
        assertThat(stored(MOTHER).isLinkedTo(AZIZ.id())).isFalse();
        assertThat(events.ofType("learner.linked")).isEmpty();
    }

    @Test
    void fullParentIsToldSoAlreadyWhenCheckingTheRightCode() {
        fillUp(MOTHER);

        assertThat(service.check(request(MOTHER, MOTHER_EMAIL, AZIZ_CODE)))
                .isEqualTo(new CodeCheck.TooManyChildren(Parent.MAX_CHILDREN));
        assertThat(attempts.all()).isEmpty();
        assertThat(transactions.transactions()).isZero();
    }

    @Test
    void fullParentTypingAWrongCodeIsRejectedLikeAnyoneElse() {
        fillUp(MOTHER);

        assertThat(service.check(request(MOTHER, MOTHER_EMAIL, WRONG_CODE))).isEqualTo(new CodeCheck.Rejected(4));
        assertThat(service.check(request(MOTHER, UNKNOWN_EMAIL, AZIZ_CODE))).isEqualTo(new CodeCheck.Rejected(3));
        assertThat(service.check(request(MOTHER, MOTHER_EMAIL, TIMUR_CODE))).isEqualTo(new CodeCheck.Rejected(2));
        assertThat(failures(MOTHER)).hasSize(3);
    }

    @Test
    void lockedOutFullParentIsToldOnlyAboutTheLockout() {
        fillUp(MOTHER);
        IntStream.range(0, 5).forEach(i -> failOnce(MOTHER));

        assertThat(service.check(request(MOTHER, MOTHER_EMAIL, AZIZ_CODE)))
                .isEqualTo(new CodeCheck.LockedOut(Duration.ofHours(1)));
    }

    @Test
    void fullParentTypingTheCodeOfALinkedChildHearsItIsLinkedAlready() {
        fillUp(MOTHER, AZIZ.id());

        assertThat(service.check(request(MOTHER, MOTHER_EMAIL, AZIZ_CODE)))
                .isEqualTo(new CodeCheck.AlreadyLinked(AZIZ));
    }

    @Test
    void fullParentTypingAnExpiredCodeHearsItExpired() {
        fillUp(MOTHER);
        clock.set(MALIKA_CODE_EXPIRES);

        assertThat(service.check(request(MOTHER, MOTHER_EMAIL, MALIKA_CODE))).isEqualTo(new CodeCheck.Expired());
    }

    @Test
    void parentOneChildShortOfTheLimitMayStillLinkOneMore() {
        parents.save(Fixtures.linked(MOTHER, MOTHER_EMAIL, IntStream.range(1, Parent.MAX_CHILDREN)
                .mapToObj(i -> new LearnerId("OTHER-" + i)).toArray(LearnerId[]::new)));

        assertThat(service.check(request(MOTHER, MOTHER_EMAIL, AZIZ_CODE))).isEqualTo(new CodeCheck.CodeAccepted(AZIZ));
        assertThat(service.link(request(MOTHER, MOTHER_EMAIL, AZIZ_CODE))).isEqualTo(new CodeCheck.Linked(AZIZ));
        assertThat(service.check(request(MOTHER, MOTHER_EMAIL, MALIKA_CODE)))
                .isEqualTo(new CodeCheck.TooManyChildren(Parent.MAX_CHILDREN));
    }

    @Test
    void expiredCodeIsExpiredAndDoesNotCountTowardsTheLockout() {
        clock.set(MALIKA_CODE_EXPIRES);

        for (int i = 0; i < 6; i++) {
            assertThat(service.link(request(MOTHER, MOTHER_EMAIL, MALIKA_CODE))).isEqualTo(new CodeCheck.Expired());
        }

        assertThat(attempts.all()).hasSize(6).allSatisfy(attempt -> {
            assertThat(attempt.outcome()).isEqualTo(Outcome.EXPIRED);
            assertThat(attempt.learnerId()).contains(MALIKA.id());
        });
        assertThat(failures(MOTHER)).isEmpty();
        assertThat(stored(MOTHER).links()).isEmpty();
    }

    @Test
    void aRightCodeOfADeactivatedLearnerIsInactiveLinksNothingAndDoesNotCountTowardsTheLockout() {
        Learner deactivated = new Learner(new LearnerId("L-left"), "Ravshan Karimov", Optional.of("10"), TASHKENT,
                false);
        platformData.learner(deactivated, MOTHER_EMAIL).code(new LinkCode(deactivated.id(), "LEFT-2020",
                Optional.empty()));

        for (int i = 0; i < 6; i++) {
            assertThat(service.check(request(MOTHER, MOTHER_EMAIL, "left-2020"))).isEqualTo(new CodeCheck.Inactive());
        }
        assertThat(service.link(request(MOTHER, MOTHER_EMAIL, "LEFT-2020"))).isEqualTo(new CodeCheck.Inactive());

        assertThat(attempts.all()).hasSize(7).allSatisfy(attempt -> {
            assertThat(attempt.outcome()).isEqualTo(Outcome.INACTIVE);
            assertThat(attempt.learnerId()).contains(deactivated.id());
        });
        assertThat(failures(MOTHER)).isEmpty();
        assertThat(stored(MOTHER).links()).isEmpty();
        // Another family's guardian typing it is rejected like any wrong code: the answer needs the right e-mail.
        assertThat(service.check(request(FATHER, FATHER_EMAIL, "LEFT-2020"))).isEqualTo(new CodeCheck.Rejected(4));
    }

    @Test
    void codeIsStillGoodUntilTheInstantItExpires() {
        clock.set(MALIKA_CODE_EXPIRES.minusSeconds(1));

        assertThat(service.check(request(MOTHER, MOTHER_EMAIL, MALIKA_CODE)))
                .isEqualTo(new CodeCheck.CodeAccepted(MALIKA));
    }

    @Test
    void userWhoNeverRegisteredIsToldToRegisterAndNothingIsRecorded() {
        TelegramUserId newcomer = new TelegramUserId(4242);

        assertThat(service.check(request(newcomer, MOTHER_EMAIL, AZIZ_CODE))).isEqualTo(new CodeCheck.NotRegistered());
        assertThat(service.link(request(newcomer, MOTHER_EMAIL, AZIZ_CODE))).isEqualTo(new CodeCheck.NotRegistered());

        assertThat(attempts.all()).isEmpty();
        assertThat(parents.findById(newcomer)).isEmpty();
        assertThat(platform.directoryQueries()).isZero();
    }

    // --- rejections ---------------------------------------------------------------------------------------------

    @Test
    void wrongCodeAndUnknownEmailGetTheSameAnswer() {
        CodeCheck wrongCode = service.check(request(MOTHER, MOTHER_EMAIL, WRONG_CODE));
        CodeCheck unknownEmail = service.check(request(FATHER, UNKNOWN_EMAIL, AZIZ_CODE));

        assertThat(wrongCode).isEqualTo(new CodeCheck.Rejected(LinkingLockout.STANDARD.maxFailures() - 1));
        assertThat(unknownEmail).isEqualTo(wrongCode);
        assertThat(unknownEmail.toString()).isEqualTo(wrongCode.toString());
        // The audit trail does not tell them apart either.
        assertThat(attempts.all()).containsExactly(
                new LinkAttempt(MOTHER, EmailKey.of(MOTHER_EMAIL), Outcome.REJECTED, Optional.empty(), NOW),
                new LinkAttempt(FATHER, EmailKey.of(UNKNOWN_EMAIL), Outcome.REJECTED, Optional.empty(), NOW));
    }

    @Test
    void unknownEmailWrongCodeAndAnotherFamilysCodeMakeTheSameSingleDirectoryQuery() {
        List<Query> wrongCode = directoryCallsOf(() -> service.check(request(MOTHER, MOTHER_EMAIL, WRONG_CODE)));
        List<Query> unknownEmail = directoryCallsOf(() -> service.check(request(FATHER, UNKNOWN_EMAIL, AZIZ_CODE)));
        List<Query> otherFamily = directoryCallsOf(() -> service.link(request(STRANGER, MOTHER_EMAIL, TIMUR_CODE)));

        assertThat(wrongCode).containsExactly(Query.FIND_CODES_FOR_GUARDIAN);
        assertThat(unknownEmail).isEqualTo(wrongCode);
        assertThat(otherFamily).isEqualTo(wrongCode);
    }

    @Test
    void rightCodeReadsTheCodesThenItsLearner() {
        assertThat(directoryCallsOf(() -> service.check(request(MOTHER, MOTHER_EMAIL, AZIZ_CODE))))
                .containsExactly(Query.FIND_CODES_FOR_GUARDIAN, Query.FIND_BY_IDS);
    }

    @Test
    void codesTheDirectoryReturnsAreCheckedAgainstWhatWasTyped() {
        LinkLearnerService overTrusting =
                serviceOver(platformData, new LinkCode(AZIZ.id(), AZIZ_CODE, Optional.empty()));

        assertThat(overTrusting.link(request(MOTHER, MOTHER_EMAIL, WRONG_CODE))).isEqualTo(new CodeCheck.Rejected(4));
        assertThat(stored(MOTHER).links()).isEmpty();
    }

    @Test
    void learnerDeactivatedBetweenTheTwoReadsIsNotLinked() {
        InMemoryPlatform deactivated = Fixtures.families().learner(Fixtures.deactivated(AZIZ), MOTHER_EMAIL);
        LinkLearnerService racing = serviceOver(deactivated, new LinkCode(AZIZ.id(), AZIZ_CODE, Optional.empty()));

        assertThat(racing.link(request(MOTHER, MOTHER_EMAIL, AZIZ_CODE))).isEqualTo(new CodeCheck.Inactive());
        assertThat(stored(MOTHER).links()).isEmpty();
        assertThat(failures(MOTHER)).isEmpty();
    }

    @Test
    void learnerRemovedBetweenTheTwoReadsIsNotLinked() {
        InMemoryPlatform removed = new InMemoryPlatform();
        LinkLearnerService racing = serviceOver(removed, new LinkCode(AZIZ.id(), AZIZ_CODE, Optional.empty()));

        assertThat(racing.link(request(MOTHER, MOTHER_EMAIL, AZIZ_CODE))).isEqualTo(new CodeCheck.Rejected(4));
        assertThat(stored(MOTHER).links()).isEmpty();
    }

    @Test
    void wrongCodeAndUnknownEmailGetTheSameAnswerWhenLinking() {
        assertThat(service.link(request(MOTHER, UNKNOWN_EMAIL, AZIZ_CODE)))
                .isEqualTo(service.link(request(FATHER, FATHER_EMAIL, MALIKA_CODE)));
    }

    @Test
    void anotherFamilysCodeIsRejectedLikeAWrongOne() {
        CodeCheck otherFamily = service.link(request(MOTHER, MOTHER_EMAIL, TIMUR_CODE));
        CodeCheck ownFamilyWrongEmail = service.link(request(STRANGER, RASHIDOV_EMAIL, AZIZ_CODE));

        assertThat(otherFamily).isEqualTo(new CodeCheck.Rejected(4));
        assertThat(ownFamilyWrongEmail).isEqualTo(otherFamily);
        assertThat(stored(MOTHER).isLinkedTo(TIMUR.id())).isFalse();
        assertThat(stored(STRANGER).isLinkedTo(AZIZ.id())).isFalse();
        assertThat(attempts.all()).allSatisfy(attempt -> assertThat(attempt.learnerId()).isEmpty());
    }

    @Test
    void tenThousandCharacterCodeIsRejectedWithoutAskingThePlatform() {
        String huge = "A".repeat(10_000);

        assertThat(service.link(request(MOTHER, MOTHER_EMAIL, huge))).isEqualTo(new CodeCheck.Rejected(4));

        assertThat(attempts.all()).containsExactly(
                new LinkAttempt(MOTHER, EmailKey.of(MOTHER_EMAIL), Outcome.REJECTED, Optional.empty(), NOW));
        assertThat(platform.directoryQueries()).isZero();
    }

    @Test
    void blankCodeIsRejectedWithoutAskingThePlatform() {
        assertThat(service.check(request(MOTHER, MOTHER_EMAIL, "   "))).isEqualTo(new CodeCheck.Rejected(4));
        assertThat(platform.directoryQueries()).isZero();
    }

    @Test
    void eachRejectionTellsHowManyAttemptsAreLeft() {
        assertThat(IntStream.range(0, 4).mapToObj(i -> failOnce(MOTHER)))
                .containsExactly(new CodeCheck.Rejected(4), new CodeCheck.Rejected(3), new CodeCheck.Rejected(2),
                        new CodeCheck.Rejected(1));
    }

    // --- the lockout --------------------------------------------------------------------------------------------

    @Test
    void fifthRejectionLocksTheParentOutUntilTheFirstLeavesTheHour() {
        for (int minute = 0; minute < 4; minute++) {
            assertThat(failOnce(MOTHER)).isInstanceOf(CodeCheck.Rejected.class);
            clock.advance(Duration.ofMinutes(1));
        }

        // Failures at 0, 1, 2, 3 and 4 minutes: the one at 0 leaves the hour at 60, 56 minutes from now.
        assertThat(failOnce(MOTHER)).isEqualTo(new CodeCheck.LockedOut(Duration.ofMinutes(56)));
    }

    @Test
    void lockedOutParentIsRefusedEvenTheRightCodeWithoutAskingThePlatform() {
        IntStream.range(0, 5).forEach(i -> failOnce(MOTHER));
        int queriesBefore = platform.directoryQueries();

        assertThat(service.link(request(MOTHER, MOTHER_EMAIL, AZIZ_CODE)))
                .isEqualTo(new CodeCheck.LockedOut(Duration.ofHours(1)));
        assertThat(platform.directoryQueries()).isEqualTo(queriesBefore);
        assertThat(stored(MOTHER).links()).isEmpty();
    }

    @Test
    void lockoutLiftsOnceTheOldestFailureLeavesTheWindow() {
        failOnce(MOTHER);
        clock.advance(Duration.ofMinutes(10));
        IntStream.range(0, 4).forEach(i -> failOnce(MOTHER));

        clock.set(NOW.plus(Duration.ofHours(1)).minusSeconds(1));
        assertThat(service.check(request(MOTHER, MOTHER_EMAIL, AZIZ_CODE)))
                .isEqualTo(new CodeCheck.LockedOut(Duration.ofSeconds(1)));

        clock.set(NOW.plus(Duration.ofHours(1)));
        assertThat(service.link(request(MOTHER, MOTHER_EMAIL, AZIZ_CODE))).isEqualTo(new CodeCheck.Linked(AZIZ));
    }

    @Test
    void attemptsWhileLockedOutDoNotExtendTheLockout() {
        // Failures at minutes 0 to 4: locked out until minute 60, when the first one leaves the hour.
        for (int minute = 0; minute < 5; minute++) {
            clock.set(NOW.plus(Duration.ofMinutes(minute)));
            failOnce(MOTHER);
        }

        for (int minute = 10; minute <= 50; minute += 10) {
            clock.set(NOW.plus(Duration.ofMinutes(minute)));
            assertThat(failOnce(MOTHER)).isEqualTo(new CodeCheck.LockedOut(Duration.ofMinutes(60 - minute)));
        }

        assertThat(failures(MOTHER)).hasSize(5);
        clock.set(NOW.plus(Duration.ofHours(1)));
        assertThat(service.check(request(MOTHER, MOTHER_EMAIL, AZIZ_CODE))).isEqualTo(new CodeCheck.CodeAccepted(AZIZ));
    }

    @Test
    void lockoutOfOneParentDoesNotAffectAnother() {
        IntStream.range(0, 5).forEach(i -> failOnce(MOTHER));

        assertThat(service.link(request(FATHER, FATHER_EMAIL, AZIZ_CODE))).isEqualTo(new CodeCheck.Linked(AZIZ));
    }

    @Test
    void unknownEmailsCountTowardsTheLockoutLikeWrongCodes() {
        IntStream.range(0, 4).forEach(i -> service.check(request(STRANGER, UNKNOWN_EMAIL, AZIZ_CODE)));

        assertThat(service.check(request(STRANGER, new Email("another.guess@example.com"), AZIZ_CODE)))
                .isEqualTo(new CodeCheck.LockedOut(Duration.ofHours(1)));
    }

    @Test
    void configuredLockoutIsHonoured() {
        var strict = new LinkLearnerService(parents, platform, attempts, events, trials, transactions,
                new LinkingLockout(2, Duration.ofMinutes(15)), clock);

        assertThat(strict.check(request(MOTHER, MOTHER_EMAIL, WRONG_CODE))).isEqualTo(new CodeCheck.Rejected(1));
        assertThat(strict.check(request(MOTHER, MOTHER_EMAIL, WRONG_CODE)))
                .isEqualTo(new CodeCheck.LockedOut(Duration.ofMinutes(15)));
    }

    // --- the lockout per guardian e-mail, across accounts -------------------------------------------------------

    /** {@code count} fresh registered accounts, none of them with a failure of its own. */
    private List<TelegramUserId> accounts(int count) {
        List<TelegramUserId> accounts = IntStream.range(0, count)
                .mapToObj(i -> new TelegramUserId(9000 + i))
                .toList();
        accounts.forEach(account -> parents.save(Fixtures.registered(account)));
        return accounts;
    }

    /** Two wrong codes from each of five accounts: none of them near its own limit, the e-mail at its limit. */
    private CodeCheck crowdGuesses(Email email) {
        CodeCheck last = null;
        for (TelegramUserId account : accounts(5)) {
            service.check(request(account, email, WRONG_CODE));
            last = service.check(request(account, email, WRONG_CODE));
        }
        return last;
    }

    @Test
    void manyAccountsGuessingOneFamilysCodeLockTheEmailForEveryone() {
        CodeCheck tenth = crowdGuesses(MOTHER_EMAIL);

        assertThat(tenth).isEqualTo(new CodeCheck.LockedOut(Duration.ofHours(1)));
        // Even the right code, even from a parent who never failed: an eleventh guess must not be allowed to win.
        assertThat(service.link(request(MOTHER, MOTHER_EMAIL, AZIZ_CODE)))
                .isEqualTo(new CodeCheck.LockedOut(Duration.ofHours(1)));
        assertThat(stored(MOTHER).links()).isEmpty();
        assertThat(attempts.failuresSince(EmailKey.of(MOTHER_EMAIL), Instant.EPOCH))
                .hasSize(LinkingLockout.PER_GUARDIAN_EMAIL.maxFailures());
    }

    @Test
    void unknownEmailIsLockedAfterAsManyFailuresWithTheSameAnswer() {
        CodeCheck known = crowdGuesses(MOTHER_EMAIL);
        CodeCheck unknown = crowdGuesses(UNKNOWN_EMAIL);

        assertThat(unknown).isEqualTo(known).isInstanceOf(CodeCheck.LockedOut.class);
        assertThat(service.check(request(FATHER, UNKNOWN_EMAIL, AZIZ_CODE))).isEqualTo(service.check(
                request(FATHER, MOTHER_EMAIL, AZIZ_CODE)));
    }

    @Test
    void lockedEmailCostsThePlatformNothingWhetherItIsKnownOrNot() {
        crowdGuesses(MOTHER_EMAIL);
        crowdGuesses(UNKNOWN_EMAIL);

        assertThat(directoryCallsOf(() -> service.check(request(FATHER, MOTHER_EMAIL, AZIZ_CODE)))).isEmpty();
        assertThat(directoryCallsOf(() -> service.check(request(FATHER, UNKNOWN_EMAIL, AZIZ_CODE)))).isEmpty();
    }

    @Test
    void attemptsWhileTheEmailIsLockedDoNotExtendItsLock() {
        crowdGuesses(MOTHER_EMAIL);
        clock.advance(Duration.ofMinutes(30));

        assertThat(service.check(request(FATHER, MOTHER_EMAIL, WRONG_CODE)))
                .isEqualTo(new CodeCheck.LockedOut(Duration.ofMinutes(30)));
        clock.advance(Duration.ofMinutes(30));
        assertThat(service.link(request(FATHER, MOTHER_EMAIL, AZIZ_CODE))).isEqualTo(new CodeCheck.Linked(AZIZ));
    }

    @Test
    void lockedEmailLeavesTheFamilysOtherEmailsAndOtherFamiliesAlone() {
        crowdGuesses(MOTHER_EMAIL);

        assertThat(service.link(request(FATHER, FATHER_EMAIL, AZIZ_CODE))).isEqualTo(new CodeCheck.Linked(AZIZ));
        assertThat(service.link(request(STRANGER, RASHIDOV_EMAIL, TIMUR_CODE))).isEqualTo(new CodeCheck.Linked(TIMUR));
    }

    @Test
    void attemptsLeftCountDownWithTheEmailWhenItIsCloserToItsLimit() {
        List<TelegramUserId> crowd = accounts(4);
        crowd.forEach(account -> {
            service.check(request(account, MOTHER_EMAIL, WRONG_CODE));
            service.check(request(account, MOTHER_EMAIL, WRONG_CODE));
        });

        // Eight failures on the e-mail: the ninth leaves one, though the parent has four of their own left.
        assertThat(service.check(request(MOTHER, MOTHER_EMAIL, WRONG_CODE))).isEqualTo(new CodeCheck.Rejected(1));
        assertThat(service.check(request(FATHER, FATHER_EMAIL, WRONG_CODE))).isEqualTo(new CodeCheck.Rejected(4));
    }

    @Test
    void everyAttemptCarriesTheKeyOfTheEmailTyped() {
        service.check(request(MOTHER, MOTHER_EMAIL, WRONG_CODE));
        service.link(request(FATHER, FATHER_EMAIL, AZIZ_CODE));
        clock.set(MALIKA_CODE_EXPIRES);
        service.link(request(MOTHER, MOTHER_EMAIL, MALIKA_CODE));

        assertThat(attempts.all()).extracting(LinkAttempt::emailKey)
                .containsExactly(EmailKey.of(MOTHER_EMAIL), EmailKey.of(FATHER_EMAIL), EmailKey.of(MOTHER_EMAIL));
    }

    @Test
    void configuredEmailLockoutIsHonoured() {
        var strict = new LinkLearnerService(parents, platform, attempts, events, trials, transactions,
                LinkingLockout.STANDARD, new LinkingLockout(2, Duration.ofMinutes(15)), clock);

        assertThat(strict.check(request(MOTHER, UNKNOWN_EMAIL, WRONG_CODE))).isEqualTo(new CodeCheck.Rejected(1));
        assertThat(strict.check(request(FATHER, UNKNOWN_EMAIL, WRONG_CODE)))
                .isEqualTo(new CodeCheck.LockedOut(Duration.ofMinutes(15)));
    }

    // --- what is written down -----------------------------------------------------------------------------------

    @Test
    void eventsAndAttemptsNeverHoldTheRawEmailOrTheCode() {
        service.check(request(MOTHER, MOTHER_EMAIL, AZIZ_CODE));
        service.link(request(MOTHER, MOTHER_EMAIL, " " + AZIZ_CODE.toLowerCase(Locale.ROOT)));
        service.link(request(FATHER, FATHER_EMAIL, AZIZ_CODE));
        service.link(request(MOTHER, MOTHER_EMAIL, WRONG_CODE));
        service.link(request(STRANGER, UNKNOWN_EMAIL, TIMUR_CODE));
        clock.set(MALIKA_CODE_EXPIRES);
        service.link(request(MOTHER, MOTHER_EMAIL, MALIKA_CODE));

        String written = (events.recent(Integer.MAX_VALUE) + " " + attempts.all()).toLowerCase(Locale.ROOT);
        assertThat(events.ofType("learner.linked")).hasSize(2);
        for (Email email : List.of(MOTHER_EMAIL, FATHER_EMAIL, UNKNOWN_EMAIL)) {
            assertThat(written).doesNotContain(email.value()).doesNotContain(email.value().split("@")[0]);
        }
        for (String code : List.of(AZIZ_CODE, MALIKA_CODE, TIMUR_CODE, WRONG_CODE)) {
            assertThat(written).doesNotContain(code.toLowerCase(Locale.ROOT));
        }
    }

    @Test
    void linkedEventNamesTheLearnerAndTheMaskedEmail() {
        service.link(request(FATHER, FATHER_EMAIL, AZIZ_CODE));

        EventLog.Event event = events.ofType("learner.linked").getFirst();
        assertThat(event.actor()).contains(FATHER);
        assertThat(event.details()).containsEntry("learner_id", AZIZ.id().value())
                .containsEntry("email", "r***v@e***.com");
    }
}
