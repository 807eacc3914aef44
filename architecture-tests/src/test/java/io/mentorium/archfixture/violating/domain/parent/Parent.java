package io.mentorium.archfixture.violating.domain.parent;

import io.mentorium.archfixture.violating.domain.learner.Learner;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Breaks the domain allow-list (slf4j) and, with {@link Learner}, forms a cycle between two aggregates. */
public record Parent(String name, List<Learner> learners) {

    public Logger logger() {
        return LoggerFactory.getLogger(Parent.class);
    }
}
