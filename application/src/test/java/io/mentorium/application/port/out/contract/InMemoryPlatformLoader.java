package io.mentorium.application.port.out.contract;

import io.mentorium.application.testing.InMemoryPlatform;
import io.mentorium.domain.shared.Email;

/** Loads {@link PlatformData} into the {@link InMemoryPlatform} fake. */
final class InMemoryPlatformLoader {

    private InMemoryPlatformLoader() {
    }

    static InMemoryPlatform load(PlatformData data) {
        InMemoryPlatform platform = new InMemoryPlatform();
        data.learners().forEach(guarded -> platform.learner(guarded.learner(), guarded.guardians().toArray(Email[]::new)));
        data.codes().forEach(platform::code);
        data.enrollments().forEach(platform::enrollment);
        data.activities().forEach(platform::activity);
        return platform;
    }
}
