package io.mentorium.application.port.out.contract;

import io.mentorium.application.port.out.ReportHistory;
import io.mentorium.application.testing.InMemoryReportHistory;

class InMemoryReportHistoryContractTest extends ReportHistoryContract {

    @Override
    protected ReportHistory emptyHistory() {
        return new InMemoryReportHistory();
    }
}
