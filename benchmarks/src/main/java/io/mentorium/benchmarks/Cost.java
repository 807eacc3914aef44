package io.mentorium.benchmarks;

import java.util.OptionalDouble;

/**
 * What a phase cost, as differences between two {@link Reading readings} around it.
 *
 * @param cpuNanos      CPU time of the process under test (the bot or the echo bot)
 * @param dbCpuNanos    CPU time of the PostgreSQL server (postmaster and all its processes); 0 without a database
 * @param dbCommits     transactions committed in the bot's database (each autocommit statement is one)
 * @param dbWalSyncs    WAL flushes to disk (fsync or fdatasync) the server did: what durability costs
 * @param dbStatements  statements the database executed ({@code BEGIN} counted, {@code COMMIT} not)
 * @param hasDatabase   whether the system under test has a database at all
 */
record Cost(long cpuNanos, long dbCpuNanos, long dbCommits, long dbWalSyncs, long dbStatements, boolean hasDatabase) {

    /** A snapshot of the cumulative counters. */
    record Reading(long cpuNanos, long dbCpuNanos, long dbCommits, long dbWalSyncs) {
    }

    static Cost between(Reading before, Reading after, long dbStatements, boolean hasDatabase) {
        return new Cost(after.cpuNanos() - before.cpuNanos(), after.dbCpuNanos() - before.dbCpuNanos(),
                after.dbCommits() - before.dbCommits(), after.dbWalSyncs() - before.dbWalSyncs(), dbStatements,
                hasDatabase);
    }

    double cpuMillisPerUpdate(int updates) {
        return cpuNanos / 1e6 / updates;
    }

    OptionalDouble dbCpuMillisPerUpdate(int updates) {
        return hasDatabase ? OptionalDouble.of(dbCpuNanos / 1e6 / updates) : OptionalDouble.empty();
    }

    OptionalDouble statementsPerUpdate(int updates) {
        return hasDatabase ? OptionalDouble.of((double) dbStatements / updates) : OptionalDouble.empty();
    }

    OptionalDouble walSyncsPerUpdate(int updates) {
        return hasDatabase ? OptionalDouble.of((double) dbWalSyncs / updates) : OptionalDouble.empty();
    }

    OptionalDouble commitsPerUpdate(int updates) {
        return hasDatabase ? OptionalDouble.of((double) dbCommits / updates) : OptionalDouble.empty();
    }
}
