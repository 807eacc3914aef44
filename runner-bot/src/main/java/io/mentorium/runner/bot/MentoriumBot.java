package io.mentorium.runner.bot;

import io.mentorium.adapters.persistence.Databases;
import io.mentorium.adapters.persistence.demo.DemoRefusedException;
import io.mentorium.adapters.persistence.embedded.EmbeddedPostgresException;
import io.mentorium.application.config.Environment;
import io.mentorium.application.port.out.StorageException;
import io.mentorium.adapters.telegram.console.ConsoleChat;
import io.mentorium.application.port.in.ChatInput;
import io.mentorium.domain.shared.ChatId;
import io.mentorium.domain.shared.TelegramUserId;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
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
    static final int LOCKED = 3;

    /** The console's parent when no {@code --as} is given: one stable id, so the next session continues. */
    static final long CONSOLE_USER = 100_000_001L;

    static final String USAGE = """
            Usage: mentorium-bot [COMMAND] [OPTIONS]

            Commands:
              run             connect to the databases, apply migrations, poll Telegram and serve HTTP (default)
              console         talk to the bot at this terminal: no token, no network [--as TELEGRAM_USER_ID]
              check-config    validate the environment, print every problem, exit 0 or 2
              migrate         apply the database changelog (and the demo platform data when in use) and exit

            Options:
              --demo          load the demo platform data into DATABASE_URL's PLATFORM_SCHEMA (refused when
                              PLATFORM_DATABASE_URL is set, or when that schema holds relations the demo did not create)
              -h, --help      show this help

            Configuration comes from environment variables (see README.md). Without DATABASE_URL an embedded
            PostgreSQL under MENTORIUM_DATA_DIR (default ./data) is used, with demo platform data.
            Exit codes: 0 ok, 1 failure, 2 configuration error, 3 another instance holds the lock.
            """;

    private MentoriumBot() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.in, System.out, System.err, Clock.systemUTC()));
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
        return run(args, variables, InputStream.nullInputStream(), out, err, clock);
    }

    static int run(String[] args, Map<String, String> variables, InputStream in, PrintStream out, PrintStream err,
                   Clock clock) {
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
        if (loaded instanceof BotConfiguration.Loaded.Invalid invalid) {
            err.println("mentorium-bot: " + invalid.describe());
            return CONFIGURATION_ERROR;
        }
        BotConfiguration configuration = ((BotConfiguration.Loaded.Valid) loaded).configuration();
        if (commandLine.demo() && configuration.persistence().platform().isPresent()) {
            // Refused before anything is opened: the platform's database is never written, not even by a demo.
            err.println("mentorium-bot: " + Databases.DEMO_WITH_PLATFORM_URL);
            return CONFIGURATION_ERROR;
        }
        configuration.logging().apply();
        return switch (command) {
            case "check-config" -> {
                out.println("Configuration is valid:");
                configuration.describe().forEach(line -> out.println("  " + line));
                yield OK;
            }
            case "migrate" -> migrate(configuration, commandLine.demo(), out, err, clock);
            case "console" -> console(configuration, commandLine, in, out, err, clock);
            default -> runUntilStopped(configuration, err, clock);
        };
    }

    /** {@code run}: starts, then waits for SIGTERM/SIGINT (the JVM's shutdown hook) and stops gracefully. */
    private static int runUntilStopped(BotConfiguration configuration, PrintStream err, Clock clock) {
        Logger log = LoggerFactory.getLogger(MentoriumBot.class);
        BotRuntime runtime;
        try {
            runtime = BotRuntime.start(configuration, clock,
                    PipelineTuning.of(configuration));
        } catch (BotRuntime.StartFailure failure) {
            log.error("mentorium-bot could not start: {}", failure.getMessage(), failure.getCause());
            err.println("mentorium-bot: " + failure.getMessage());
            return failure.exitCode();
        }
        err.println("mentorium-bot: running; HTTP on port " + runtime.httpPort() + " (health, metrics); stop with SIGTERM");
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            runtime.close();
            configuration.logging().close();
            stopped.countDown();
        }, "shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            stopped.await();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            runtime.close();
        }
        return OK;
    }

    /** {@code console}: the conversation at this terminal, on the same database and engine, no Telegram. */
    private static int console(BotConfiguration configuration, CommandLine commandLine, InputStream in,
                               PrintStream out, PrintStream err, Clock clock) {
        Logger log = LoggerFactory.getLogger(MentoriumBot.class);
        long userId = commandLine.asUser().orElse(CONSOLE_USER);
        try (Databases databases = Databases.open(configuration.persistence(), commandLine.demo())) {
            databases.migrate(clock);
            BotComponent graph = DaggerBotComponent.factory().create(configuration, databases, clock,
                    PipelineTuning.of(configuration));
            out.println("Mentorium Parent Bot — console (database: " + databases.describeBotDatabase() + ").");
            out.println("You are Telegram user " + userId + ". Type a choice's number to press it, or type text;");
            out.println("/cancel leaves a flow, Ctrl-D quits. Demo e-mails and link codes: docs/demo-data.md");
            out.println("(for example aziza.karimova@example.com with code 481516).");
            ChatInput.Sender sender = new ChatInput.Sender(new TelegramUserId(userId), new ChatId(userId),
                    Optional.of(configuration.core().defaultLanguage().code()));
            new ConsoleChat(graph.answerDirectly(), sender, out)
                    .run(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
            return OK;
        } catch (DemoRefusedException refused) {
            err.println("mentorium-bot: " + refused.getMessage());
            return CONFIGURATION_ERROR;
        } catch (EmbeddedPostgresException | StorageException failure) {
            log.error("console failed", failure);
            err.println("mentorium-bot: console failed: " + failure.getMessage());
            return FAILURE;
        } catch (IOException failure) {
            err.println("mentorium-bot: could not read the terminal: " + failure.getMessage());
            return FAILURE;
        }
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
        } catch (DemoRefusedException refused) {
            err.println("mentorium-bot: " + refused.getMessage());
            return CONFIGURATION_ERROR;
        } catch (EmbeddedPostgresException | StorageException failure) {
            log.error("migrate failed", failure);
            err.println("mentorium-bot: migrate failed: " + failure.getMessage());
            return FAILURE;
        }
    }
}
