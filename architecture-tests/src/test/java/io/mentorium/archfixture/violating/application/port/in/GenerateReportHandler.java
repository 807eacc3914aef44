package io.mentorium.archfixture.violating.application.port.in;

import io.mentorium.archfixture.violating.domain.report.Report;

/** A use-case implementation living among the in-ports, which must be interfaces, records or enums. */
public class GenerateReportHandler implements GenerateReport {

    @Override
    public Report generate(String learnerName) {
        return new Report(learnerName);
    }
}
