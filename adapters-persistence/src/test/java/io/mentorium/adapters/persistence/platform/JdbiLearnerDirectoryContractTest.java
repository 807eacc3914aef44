package io.mentorium.adapters.persistence.platform;

import io.mentorium.application.port.out.LearnerDirectory;
import io.mentorium.application.port.out.contract.LearnerDirectoryContract;
import io.mentorium.application.port.out.contract.PlatformData;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The contract against PostgreSQL: the demo changelog's tables in a non-default schema, read through a read-only pool. */
class JdbiLearnerDirectoryContractTest extends LearnerDirectoryContract {

    @RegisterExtension
    static final PlatformFixture platform = new PlatformFixture();

    @Override
    protected LearnerDirectory directoryOver(PlatformData data) {
        return new JdbiLearnerDirectory(platform.readerOver(data), PlatformFixture.SCHEMA);
    }
}
