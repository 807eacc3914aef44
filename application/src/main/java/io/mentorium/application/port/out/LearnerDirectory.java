package io.mentorium.application.port.out;

import io.mentorium.domain.learner.Learner;
import io.mentorium.domain.learner.LearnerId;
import io.mentorium.domain.learner.LinkCode;
import io.mentorium.domain.shared.Email;
import java.util.Collection;
import java.util.List;

/** The platform's learners, read only. */
public interface LearnerDirectory {

    /** Active learners whose guardians include the e-mail: the candidates a parent may link with a code. */
    List<Learner> findByGuardianEmail(Email email);

    /** The learners with these ids that exist (in any order; unknown ids are skipped). */
    List<Learner> findByIds(Collection<LearnerId> ids);

    /**
     * The codes of these learners that match what the parent typed, compared as {@link LinkCode#matches} does, expired
     * or not: the caller decides what expiry means.
     */
    List<LinkCode> findCodes(Collection<LearnerId> learnerIds, String typedCode);
}
