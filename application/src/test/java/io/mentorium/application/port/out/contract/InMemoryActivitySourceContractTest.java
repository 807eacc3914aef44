package io.mentorium.application.port.out.contract;

import io.mentorium.application.port.out.ActivitySource;

class InMemoryActivitySourceContractTest extends ActivitySourceContract {

    @Override
    protected ActivitySource sourceOver(PlatformData data) {
        return InMemoryPlatformLoader.load(data);
    }
}
