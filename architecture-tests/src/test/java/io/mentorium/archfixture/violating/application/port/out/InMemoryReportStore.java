package io.mentorium.archfixture.violating.application.port.out;

import io.mentorium.archfixture.violating.domain.report.Report;
import java.util.ArrayList;
import java.util.List;

/** An implementation living among the out-ports, which must all be interfaces. */
public class InMemoryReportStore implements ReportStore {

    private final List<Report> reports = new ArrayList<>();

    @Override
    public void save(Report report) {
        reports.add(report);
    }
}
