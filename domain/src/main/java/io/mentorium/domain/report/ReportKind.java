package io.mentorium.domain.report;

public enum ReportKind {
    WEEKLY,
    MONTHLY
}
