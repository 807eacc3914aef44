package io.mentorium.application.port.out.contract;

import io.mentorium.application.port.out.MerchantKeys;
import io.mentorium.application.testing.InMemoryMerchantKeys;

class InMemoryMerchantKeysContractTest extends MerchantKeysContract {

    @Override
    protected MerchantKeys emptyStore() {
        return new InMemoryMerchantKeys();
    }
}
