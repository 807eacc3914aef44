package io.mentorium.application.service;

import io.mentorium.application.port.in.ListChildren;
import io.mentorium.application.port.out.LearnerDirectory;
import io.mentorium.application.port.out.ParentRepository;
import io.mentorium.domain.learner.Learner;
import io.mentorium.domain.learner.LearnerId;
import io.mentorium.domain.parent.LearnerLink;
import io.mentorium.domain.parent.Parent;
import io.mentorium.domain.shared.TelegramUserId;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The parent's children: their links joined with the platform's learners, read in one query. */
public final class ListChildrenService implements ListChildren {

    private static final Logger LOG = LoggerFactory.getLogger(ListChildrenService.class);

    private final ParentRepository parents;
    private final LearnerDirectory directory;

    @Inject
    public ListChildrenService(ParentRepository parents, LearnerDirectory directory) {
        this.parents = Objects.requireNonNull(parents, "parents");
        this.directory = Objects.requireNonNull(directory, "directory");
    }

    @Override
    public List<Child> list(TelegramUserId parentId) {
        Objects.requireNonNull(parentId, "parentId");
        return parents.findById(parentId).map(this::list).orElse(List.of());
    }

    @Override
    public List<Child> list(Parent parent) {
        Objects.requireNonNull(parent, "parent");
        List<LearnerLink> links = parent.links();
        if (links.isEmpty()) {
            return List.of();
        }
        Map<LearnerId, Learner> learners = directory.findByIds(links.stream().map(LearnerLink::learnerId).toList())
                .stream()
                .collect(Collectors.toMap(Learner::id, Function.identity(), (first, second) -> first));
        List<Child> children = new ArrayList<>(links.size());
        for (LearnerLink link : links) {
            Learner learner = learners.get(link.learnerId());
            if (learner == null) {
                // The platform deleted the learner; the link stays (the platform may restore them) but there is
                // nothing to show.
                LOG.warn("Parent {} is linked to learner {} whom the platform no longer has", parent.id(),
                        link.learnerId());
                continue;
            }
            children.add(new Child(learner, link));
        }
        return List.copyOf(children);
    }
}
