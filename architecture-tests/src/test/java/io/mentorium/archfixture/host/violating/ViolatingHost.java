package io.mentorium.archfixture.host.violating;

import io.mentorium.archfixture.violating.adapters.persistence.JdbiReportStore;
import io.mentorium.archfixture.violating.application.port.out.ReportStore;
import io.mentorium.archfixture.violating.domain.report.Report;
import io.mentorium.archfixture.violating.runner.bot.BotMain;

/** A host that reaches past the ports: it takes the bot's persistence adapter and starts the bot's runner. */
public final class ViolatingHost {

    public void save(Report report) {
        ReportStore store = new JdbiReportStore();
        store.save(report);
        BotMain.main(new String[0]);
    }
}
