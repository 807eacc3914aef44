package io.mentorium.adapters.persistence.platform;

import io.mentorium.application.port.out.ActivitySource;
import io.mentorium.application.port.out.contract.ActivitySourceContract;
import io.mentorium.application.port.out.contract.PlatformData;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The contract against PostgreSQL: the demo changelog's tables in a non-default schema, read through a read-only pool. */
class JdbiActivitySourceContractTest extends ActivitySourceContract {

    @RegisterExtension
    static final PlatformFixture platform = new PlatformFixture();

    @Override
    protected ActivitySource sourceOver(PlatformData data) {
        return new JdbiActivitySource(platform.readerOver(data), PlatformFixture.SCHEMA);
    }
}
