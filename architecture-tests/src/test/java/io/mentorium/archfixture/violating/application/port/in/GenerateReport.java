package io.mentorium.archfixture.violating.application.port.in;

import io.mentorium.archfixture.violating.domain.report.Report;

public interface GenerateReport {

    Report generate(String learnerName);
}
