package io.mentorium.adapters.persistence.jdbi;

import io.mentorium.adapters.persistence.MigratedDatabase;
import io.mentorium.application.port.out.MerchantKeys;
import io.mentorium.application.port.out.contract.MerchantKeysContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class JdbiMerchantKeysContractTest extends MerchantKeysContract {

    @RegisterExtension
    static final MigratedDatabase db = new MigratedDatabase();

    @Override
    protected MerchantKeys emptyStore() {
        db.truncate();
        return new JdbiMerchantKeys(db.jdbi());
    }
}
