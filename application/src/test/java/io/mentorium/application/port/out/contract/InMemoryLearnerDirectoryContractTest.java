package io.mentorium.application.port.out.contract;

import io.mentorium.application.port.out.LearnerDirectory;

class InMemoryLearnerDirectoryContractTest extends LearnerDirectoryContract {

    @Override
    protected LearnerDirectory directoryOver(PlatformData data) {
        return InMemoryPlatformLoader.load(data);
    }
}
