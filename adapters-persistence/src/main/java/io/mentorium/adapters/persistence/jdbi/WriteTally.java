package io.mentorium.adapters.persistence.jdbi;

import java.sql.SQLException;
import java.util.Objects;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.SqlStatements;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Counts, per thread, what may have written to the bot's database: statements other than a plain {@code SELECT}, and
 * events held for the transaction's end. {@link JdbiTransactionRunner#inTransactionEach} reads it around each unit of
 * work: a unit that failed without writing is simply left out and the transaction goes on; one that wrote makes it
 * roll back and run the others again.
 *
 * <p>It sees every statement Jdbi runs as the {@link SqlLogger} of the runner's {@link Jdbi}; the plain JDBC of
 * {@link HotPath} and of the few other places that use the connection directly tells it itself. Only a statement that
 * starts with {@code SELECT} counts as a read: anything else, {@code WITH} included (it may hide an insert), counts as
 * a write, so that a miss errs towards rolling back.
 */
final class WriteTally implements SqlLogger {

    private static final ThreadLocal<long[]> WRITES = ThreadLocal.withInitial(() -> new long[1]);

    private final SqlLogger next;

    private WriteTally(SqlLogger next) {
        this.next = Objects.requireNonNull(next, "next");
    }

    /** Makes {@code jdbi}'s statements counted (once; the logger set before still logs). */
    static void install(Jdbi jdbi) {
        SqlStatements statements = jdbi.getConfig(SqlStatements.class);
        SqlLogger current = statements.getSqlLogger();
        if (!(current instanceof WriteTally)) {
            statements.setSqlLogger(new WriteTally(current));
        }
    }

    /** Statements that may have written on this thread so far; only differences mean anything. */
    static long count() {
        return WRITES.get()[0];
    }

    /** Counts {@code sql} if it may write. */
    static void running(String sql) {
        if (!readOnly(sql)) {
            wrote();
        }
    }

    static void wrote() {
        WRITES.get()[0]++;
    }

    static boolean readOnly(String sql) {
        if (sql == null) {
            return false;
        }
        int start = 0;
        while (start < sql.length() && Character.isWhitespace(sql.charAt(start))) {
            start++;
        }
        int end = start + "SELECT".length();
        return sql.regionMatches(true, start, "SELECT", 0, "SELECT".length())
                && (end == sql.length() || !Character.isJavaIdentifierPart(sql.charAt(end)));
    }

    @Override
    public void logBeforeExecution(StatementContext context) {
        running(context.getRenderedSql());
        next.logBeforeExecution(context);
    }

    @Override
    public void logAfterExecution(StatementContext context) {
        next.logAfterExecution(context);
    }

    @Override
    public void logException(StatementContext context, SQLException ex) {
        next.logException(context, ex);
    }
}
