package io.mentorium.adapters.persistence.jdbi;

import java.sql.SQLException;
import java.util.Locale;
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
 *
 * <p>It also counts, apart, the writes that may have changed a row {@link ReadAhead} holds: all of them but a plain
 * {@code INSERT INTO} a table it never reads ahead (the events held for the commit, the replies queued). Such an insert
 * changes no other table's rows, as the bot's schema has no triggers or rules (a test keeps it so). The question a turn
 * records goes into a table read ahead (for the hourly count), through {@link ReadAhead#keyedWrite}, which drops only
 * that parent's rows: a batch of questions keeps the rest of what it read ahead instead of reading each turn's parent,
 * state, subscription and count again.
 */
final class WriteTally implements SqlLogger {

    /** [0]: every write; [1]: the writes that may have changed a row read ahead. */
    private static final ThreadLocal<long[]> WRITES = ThreadLocal.withInitial(() -> new long[2]);

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

    /** Writes on this thread so far that may have changed a row {@link ReadAhead} holds; only differences matter. */
    static long readAheadCount() {
        return WRITES.get()[1];
    }

    /** Counts {@code sql} if it may write. */
    static void running(String sql) {
        if (!readOnly(sql)) {
            writing(sql);
        }
    }

    /** Counts {@code sql}, a statement that writes. */
    static void writing(String sql) {
        if (insertsBesideReadAhead(sql)) {
            wroteBesideReadAhead();
        } else {
            wrote();
        }
    }

    /** A write that may have changed anything. */
    static void wrote() {
        long[] writes = WRITES.get();
        writes[0]++;
        writes[1]++;
    }

    /** A write known to change no row {@link ReadAhead} holds. */
    static void wroteBesideReadAhead() {
        WRITES.get()[0]++;
    }

    /**
     * Whether {@code sql} is a plain {@code INSERT INTO} a schema-qualified table that {@link ReadAhead} never holds.
     * An unqualified name could resolve to any table, and anything else (a {@code WITH} above all) may write anywhere.
     */
    static boolean insertsBesideReadAhead(String sql) {
        if (sql == null) {
            return false;
        }
        int at = skipSpace(sql, 0);
        if (!keyword(sql, at, "INSERT")) {
            return false;
        }
        int into = skipSpace(sql, at + "INSERT".length());
        if (into == at + "INSERT".length() || !keyword(sql, into, "INTO")) {
            return false;
        }
        int start = skipSpace(sql, into + "INTO".length());
        if (start == into + "INTO".length()) {
            return false;
        }
        int end = start;
        while (end < sql.length() && !Character.isWhitespace(sql.charAt(end)) && sql.charAt(end) != '(') {
            end++;
        }
        String table = sql.substring(start, end).replace("\"", "").toLowerCase(Locale.ROOT);
        return table.indexOf('.') > 0 && !ReadAhead.TABLES.contains(table);
    }

    private static int skipSpace(String sql, int from) {
        int at = from;
        while (at < sql.length() && Character.isWhitespace(sql.charAt(at))) {
            at++;
        }
        return at;
    }

    private static boolean keyword(String sql, int at, String word) {
        int end = at + word.length();
        return sql.regionMatches(true, at, word, 0, word.length())
                && (end == sql.length() || !Character.isJavaIdentifierPart(sql.charAt(end)));
    }

    static boolean readOnly(String sql) {
        if (sql == null) {
            return false;
        }
        return keyword(sql, skipSpace(sql, 0), "SELECT");
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
