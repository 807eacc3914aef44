package io.mentorium.runner.scheduler;

import io.mentorium.adapters.persistence.PersistenceSettings;
import io.mentorium.adapters.telegram.TelegramSettings;
import io.mentorium.application.config.ConfigProblem;
import io.mentorium.application.config.CoreSettings;
import io.mentorium.application.config.Environment;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/**
 * {@code mentorium-scheduler}: the report and notification scheduler's executable. This build validates its
 * configuration; the Quartz jobs arrive with the report and notification issues.
 */
public final class MentoriumScheduler {

    static final List<String> JOBS = List.of("weekly-reports", "monthly-reports", "daily-notifications",
            "subscription-reminders", "retention");

    static final String USAGE = """
            Usage: mentorium-scheduler [COMMAND]

            Commands:
              run             run the Quartz scheduler with the report and notification jobs (default)
              trigger JOB     run one job now and exit when its work is delivered
                              (weekly-reports, monthly-reports, daily-notifications, subscription-reminders, retention)
              check-config    validate the environment, print every problem, exit 0 or 2

            Options:
              -h, --help      show this help

            Exit codes: 0 ok, 1 failure, 2 configuration error.
            """;

    private MentoriumScheduler() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    static int run(String[] args, Map<String, String> variables, PrintStream out, PrintStream err) {
        List<String> arguments = List.of(args);
        if (arguments.contains("-h") || arguments.contains("--help") || arguments.contains("help")) {
            out.print(USAGE);
            return 0;
        }
        String command = arguments.isEmpty() ? "run" : arguments.getFirst();
        if (!List.of("run", "trigger", "check-config").contains(command)) {
            err.println("mentorium-scheduler: unknown command " + command);
            err.print(USAGE);
            return 2;
        }
        if (command.equals("trigger") && (arguments.size() != 2 || !JOBS.contains(arguments.get(1)))) {
            err.println("mentorium-scheduler: trigger needs one job: " + String.join(", ", JOBS));
            return 2;
        }
        Environment env = new Environment(variables);
        CoreSettings core = CoreSettings.from(env);
        PersistenceSettings persistence = PersistenceSettings.from(env);
        TelegramSettings telegram = TelegramSettings.from(env, true);
        ScheduleSettings schedule = ScheduleSettings.from(env);
        if (!env.valid()) {
            List<ConfigProblem> problems = env.problems();
            err.println("mentorium-scheduler: the configuration has " + problems.size() + " problem(s):");
            problems.forEach(problem -> err.println("  " + problem.variable() + ": " + problem.message()));
            return 2;
        }
        if (command.equals("check-config")) {
            out.println("Configuration is valid:");
            out.println("  weekly reports:  " + schedule.weeklyReportCron() + " (" + core.botTimeZone() + ")");
            out.println("  monthly reports: " + schedule.monthlyReportCron() + " (" + core.botTimeZone() + ")");
            out.println("  database:        " + persistence.bot().map(Object::toString).orElse("embedded under " + persistence.dataDir().toAbsolutePath()));
            out.println("  telegram:        " + telegram);
            return 0;
        }
        err.println("mentorium-scheduler: '" + command + "' is not available in this build yet: the report and "
                + "notification jobs arrive with their issues. Available now: check-config.");
        return 1;
    }
}
