package io.mentorium.archfixture.clean.adapters.files;

import io.mentorium.archfixture.clean.application.port.out.PaymentLedger;

/** A file-building adapter that uses a port only. */
public final class CsvLedgerExport {

    public String export(PaymentLedger ledger) {
        return "balance\n" + ledger.balanceCents("parent@example.org");
    }
}
