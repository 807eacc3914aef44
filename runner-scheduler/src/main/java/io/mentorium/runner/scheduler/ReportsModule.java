package io.mentorium.runner.scheduler;

import dagger.BindsOptionalOf;
import dagger.Module;
import io.mentorium.application.port.in.SendScheduledReports;

/**
 * The report use case the {@code weekly-reports} and {@code monthly-reports} jobs call. Declared optional because its
 * service arrives in a change of its own: until a binding is added here, the report jobs log that reports are not
 * available in this build, and {@code trigger} of them exits 1, instead of pretending to have sent anything.
 *
 * <p>To bind the real service, add to this module (the optional then turns present, nothing else changes):
 *
 * <pre>{@code
 * @Provides
 * @Reusable
 * static SendScheduledReports sendScheduledReports(...the out-ports it needs..., Clock clock) {
 *     return new SendScheduledReportsService(...);
 * }
 * }</pre>
 *
 * Constructed explicitly, as in runner-bot's UseCaseModule, so Dagger generates no factories into the application's
 * packages.
 */
@Module
abstract class ReportsModule {

    private ReportsModule() {
    }

    @BindsOptionalOf
    abstract SendScheduledReports sendScheduledReports();
}
