package io.mentorium.application.port.out;

import io.mentorium.domain.learner.Learner;
import io.mentorium.domain.learner.LearnerId;
import io.mentorium.domain.learner.LinkCode;
import io.mentorium.domain.shared.Email;
import java.util.Collection;
import java.util.List;

/** The platform's learners, read only. */
public interface LearnerDirectory {

    /** The learners with these ids that exist, active or not (in any order; unknown ids are skipped). */
    List<Learner> findByIds(Collection<LearnerId> ids);

    /**
     * The codes, expired or not, of the learners (active or not) whose guardians include the e-mail, that match what
     * the parent typed as {@link LinkCode#matches} does; the caller decides what expiry and a deactivated account mean
     * (a right code of a deactivated learner gets its own answer, not a "wrong code" that would count towards a
     * lockout).
     *
     * <p>One round trip whatever the answer: an e-mail the platform does not know and a code that is wrong for a known
     * e-mail must cost the same, or the time a rejection takes would tell which e-mails the platform knows.
     */
    List<LinkCode> findCodesForGuardian(Email email, String typedCode);
}
