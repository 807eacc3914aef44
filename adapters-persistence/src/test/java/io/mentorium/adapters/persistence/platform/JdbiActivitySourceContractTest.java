package io.mentorium.adapters.persistence.platform;

import io.mentorium.application.port.out.ActivitySource;
import io.mentorium.application.port.out.contract.ActivitySourceContract;
import io.mentorium.application.port.out.contract.PlatformData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The contract against PostgreSQL: the demo changelog's tables in a non-default schema, read through a read-only pool. */
class JdbiActivitySourceContractTest extends ActivitySourceContract {

    private static PlatformFixture platform;
    private static PlatformData loaded;

    @BeforeAll
    static void start() {
        platform = PlatformFixture.create();
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    @Override
    protected ActivitySource sourceOver(PlatformData data) {
        if (!data.equals(loaded)) { // the rows never change between tests: load them once
            platform.load(data);
            loaded = data;
        }
        return new JdbiActivitySource(platform.reader(), PlatformFixture.SCHEMA);
    }
}
