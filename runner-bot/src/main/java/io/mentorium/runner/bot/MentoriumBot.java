package io.mentorium.runner.bot;

import io.mentorium.adapters.persistence.Databases;
import io.mentorium.adapters.persistence.embedded.EmbeddedPostgresException;
import io.mentorium.application.config.ConfigProblem;
import io.mentorium.application.config.Environment;
import io.mentorium.application.port.out.StorageException;
import java.io.PrintStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code mentorium-bot}: the interactive bot's executable. It parses the command line and the environment, builds the
 * object graph and runs one command. Exit codes follow the contract: 0 normal, 2 configuration error, 3 another
 * instance holds the lock, 1 anything else.
 */
public final class MentoriumBot {

    static final int OK = 0;
    static final int FAILURE = 1;
    static final int CONFIGURATION_ERROR = 2;

    static final String USAGE = """
            Usage: mentorium-bot [COMMAND] [OPTIONS]

            Commands:
              run             connect to the databases, apply migrations, poll Telegram and serve HTTP (default)
              console         talk to the bot at this terminal: no token, no network [--as TELEGRAM_USER_ID]
              check-config    validate the environment, print every problem, exit 0 or 2
              migrate         apply the database changelog (and the demo platform data when in use) and exit

            Options:
              --demo          load the demo platform data even though a database URL is configured
              -h, --help      show this help

            Configuration comes from environment variables (see README.md). Without DATABASE_URL an embedded
            PostgreSQL under MENTORIUM_DATA_DIR (default ./data) is used, with demo platform data.
            Exit codes: 0 ok, 1 failure, 2 configuration error, 3 another instance holds the lock.
            """;

    private MentoriumBot() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err, Clock.systemUTC()));
    }

    /** Parsed command line. */
    record CommandLine(String command, boolean demo, Optional<Long> asUser, boolean help, List<String> errors) {

        static CommandLine parse(String[] args) {
            String command = null;
            boolean demo = false;
            boolean help = false;
            Optional<Long> asUser = Optional.empty();
            List<String> errors = new ArrayList<>();
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                switch (arg) {
                    case "-h", "--help", "help" -> help = true;
                    case "--demo" -> demo = true;
                    case "--as" -> {
                        if (i + 1 >= args.length) {
                            errors.add("--as needs a Telegram user id");
                        } else {
                            String value = args[++i];
                            try {
                                long id = Long.parseLong(value);
                                if (id <= 0) {
                                    throw new NumberFormatException();
                                }
                                asUser = Optional.of(id);
                            } catch (NumberFormatException notAnId) {
                                errors.add("--as needs a positive Telegram user id, got '" + value + "'");
                            }
                        }
                    }
                    default -> {
                        if (arg.startsWith("-")) {
                            errors.add("unknown option " + arg);
                        } else if (command != null) {
                            errors.add("unexpected argument " + arg);
                        } else if (List.of("run", "console", "check-config", "migrate").contains(arg)) {
                            command = arg;
                        } else {
                            errors.add("unknown command " + arg);
                        }
                    }
                }
            }
            return new CommandLine(command == null ? "run" : command, demo, asUser, help, errors);
        }
    }

    static int run(String[] args, Map<String, String> variables, PrintStream out, PrintStream err, Clock clock) {
        CommandLine commandLine = CommandLine.parse(args);
        if (commandLine.help()) {
            out.print(USAGE);
            return OK;
        }
        if (!commandLine.errors().isEmpty()) {
            commandLine.errors().forEach(error -> err.println("mentorium-bot: " + error));
            err.print(USAGE);
            return CONFIGURATION_ERROR;
        }
        String command = commandLine.command();
        boolean interactive = command.equals("console");
        BotConfiguration.Loaded loaded = BotConfiguration.load(new Environment(variables),
                command.equals("run") || command.equals("check-config"), interactive ? "text" : "json");
        if (loaded instanceof BotConfiguration.Loaded.Invalid(List<ConfigProblem> problems)) {
            err.println("mentorium-bot: the configuration has " + problems.size() + " problem(s):");
            problems.forEach(problem -> err.println("  " + problem.variable() + ": " + problem.message()));
            return CONFIGURATION_ERROR;
        }
        BotConfiguration configuration = ((BotConfiguration.Loaded.Valid) loaded).configuration();
        configuration.logging().apply();
        return switch (command) {
            case "check-config" -> {
                out.println("Configuration is valid:");
                configuration.describe().forEach(line -> out.println("  " + line));
                yield OK;
            }
            case "migrate" -> migrate(configuration, commandLine.demo(), out, err, clock);
            default -> {
                err.println("mentorium-bot: '" + command + "' is not available in this build yet: the Telegram "
                        + "conversation arrives with the Telegram adapter. Available now: check-config, migrate.");
                yield FAILURE;
            }
        };
    }

    private static int migrate(BotConfiguration configuration, boolean demo, PrintStream out, PrintStream err,
                               Clock clock) {
        Logger log = LoggerFactory.getLogger(MentoriumBot.class);
        try (Databases databases = Databases.open(configuration.persistence(), demo)) {
            Databases.MigrationResult result = databases.migrate(clock);
            out.println("Database " + databases.describeBotDatabase() + " is up to date ("
                    + result.appliedChangeSets().size() + " change set(s) applied"
                    + (result.demoDataLoaded() ? ", demo platform data loaded" : "") + ").");
            return OK;
        } catch (EmbeddedPostgresException | StorageException failure) {
            log.error("migrate failed", failure);
            err.println("mentorium-bot: migrate failed: " + failure.getMessage());
            return FAILURE;
        }
    }
}
