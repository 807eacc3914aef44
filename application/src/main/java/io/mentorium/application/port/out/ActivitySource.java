package io.mentorium.application.port.out;

import io.mentorium.domain.learner.ActivityFact;
import io.mentorium.domain.learner.Enrollment;
import io.mentorium.domain.learner.LearnerId;
import io.mentorium.domain.shared.TimeWindow;
import java.util.Collection;
import java.util.List;

/** What learners did on the platform, read only and set-based: one call for many learners. */
public interface ActivitySource {

    /** Activity of these learners inside the window, oldest first. */
    List<ActivityFact> activities(Collection<LearnerId> learnerIds, TimeWindow window);

    /** The courses these learners are enrolled in, with progress. */
    List<Enrollment> enrollments(Collection<LearnerId> learnerIds);
}
