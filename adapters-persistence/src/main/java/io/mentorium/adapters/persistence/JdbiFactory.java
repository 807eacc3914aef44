package io.mentorium.adapters.persistence;

import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementExceptions;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

/** The one way this project makes a {@link Jdbi}: SqlObjects, PostgreSQL types, and no bound values in errors. */
public final class JdbiFactory {

    private JdbiFactory() {
    }

    /**
     * One per pool. The repositories and {@link io.mentorium.adapters.persistence.jdbi.JdbiTransactionRunner} of the
     * bot's database must share the same instance: a transaction is joined through it.
     */
    public static Jdbi create(DataSource dataSource) {
        Jdbi jdbi = Jdbi.create(dataSource);
        jdbi.installPlugin(new SqlObjectPlugin());
        jdbi.installPlugin(new PostgresPlugin());
        // Jdbi's default renders bound arguments (e-mails, message text) into exception messages, and so into logs.
        jdbi.getConfig(StatementExceptions.class)
                .setMessageRendering(StatementExceptions.MessageRendering.SHORT_STATEMENT);
        return jdbi;
    }
}
