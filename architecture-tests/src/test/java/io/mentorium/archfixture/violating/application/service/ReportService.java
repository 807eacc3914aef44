package io.mentorium.archfixture.violating.application.service;

import io.mentorium.archfixture.violating.application.port.in.GenerateReport;
import io.mentorium.archfixture.violating.domain.report.Report;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Uses Jdbi directly (a framework in the core); its slf4j logger on the other hand is allowed. */
public class ReportService implements GenerateReport {

    private static final Logger LOG = LoggerFactory.getLogger(ReportService.class);

    private final Jdbi jdbi;

    public ReportService(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public Report generate(String learnerName) {
        LOG.info("Generating a report for {}", learnerName);
        return jdbi.withHandle(handle -> new Report(learnerName));
    }
}
