package io.mentorium.adapters.persistence.jdbi;

import io.mentorium.adapters.persistence.MigratedDatabase;
import io.mentorium.application.port.out.ReportHistory;
import io.mentorium.application.port.out.contract.ReportHistoryContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class JdbiReportHistoryContractTest extends ReportHistoryContract {

    private static MigratedDatabase db;

    @BeforeAll
    static void migrate() {
        db = MigratedDatabase.create();
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Override
    protected ReportHistory emptyHistory() {
        db.truncate();
        return new JdbiReportHistory(db.jdbi());
    }
}
