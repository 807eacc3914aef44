package io.mentorium.archfixture.violating.application.port.out;

import io.mentorium.archfixture.violating.domain.report.Report;

public interface ReportStore {

    void save(Report report);
}
