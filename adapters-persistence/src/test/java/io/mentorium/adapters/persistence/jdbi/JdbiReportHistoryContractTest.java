package io.mentorium.adapters.persistence.jdbi;

import io.mentorium.adapters.persistence.MigratedDatabase;
import io.mentorium.application.port.out.ReportHistory;
import io.mentorium.application.port.out.contract.ReportHistoryContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class JdbiReportHistoryContractTest extends ReportHistoryContract {

    @RegisterExtension
    static final MigratedDatabase db = new MigratedDatabase();

    @Override
    protected ReportHistory emptyHistory() {
        db.truncate();
        return new JdbiReportHistory(db.jdbi());
    }
}
