package io.mentorium.archfixture.violating.domain.report;

import io.mentorium.archfixture.violating.application.port.out.ReportStore;

/** The domain reaching out to an application port: breaks the allow-list, the onion and the ring cycle rule. */
public record Report(String text) {

    public void saveTo(ReportStore store) {
        store.save(this);
    }
}
