package io.mentorium.runner.bot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.metrics.PoolStats;
import io.mentorium.adapters.persistence.PrometheusPoolMetrics;
import io.mentorium.application.port.out.AssistantMetrics;
import io.mentorium.application.port.out.OperationalCounts;
import io.mentorium.runner.bot.metrics.MetricsRegistry;
import io.mentorium.runner.bot.metrics.PrometheusAssistantMetrics;
import io.mentorium.runner.bot.metrics.PrometheusOperationsMetrics;
import io.mentorium.runner.bot.metrics.PrometheusPipelineMetrics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The deployment files, checked without Docker: the dashboard and the alerts use only metrics the runners export, the
 * compose file has its services, conditions and health checks, the Dockerfile copies what exists, and .env.template
 * and the README's configuration table list the same variables as the code reads.
 */
class OperationsFilesTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    /** PromQL's own words and the scheduler's metrics (checked by the scheduler's own test). */
    private static final Set<String> PROMQL = Set.of("sum", "max", "min", "avg", "count", "rate", "increase", "deriv",
            "histogram_quantile", "by", "without", "and", "or", "unless", "absent", "le", "up", "bool", "offset");
    private static final Pattern QUOTED = Pattern.compile("\"[^\"]*\"");
    private static final Pattern MATCHERS = Pattern.compile("\\{[^}]*}");
    private static final Pattern GROUPING = Pattern.compile("\\b(by|without)\\s*\\([^)]*\\)");
    private static final Pattern RANGE = Pattern.compile("\\[[^]]*]");
    private static final Pattern IDENTIFIER = Pattern.compile("\\b[a-zA-Z_][a-zA-Z0-9_]*\\b");

    @Test
    void the_dashboard_and_the_alerts_use_only_metrics_the_runners_export() throws IOException {
        Set<String> exported = botExports();
        assertThat(exported).contains("telegram_messages_total", "ai_requests_total",
                "ai_request_duration_seconds_bucket", "payments_total", "subscriptions_active", "errors_total",
                "bot_uptime_seconds", "mentorium_inbox_pending", "mentorium_outbox_pending",
                "mentorium_quarantine_recent");

        List<String> expressions = new ArrayList<>();
        JsonNode dashboard = new ObjectMapper().readTree(ROOT.resolve("deploy/grafana/mentorium.json").toFile());
        dashboard.get("panels").forEach(panel -> panel.get("targets")
                .forEach(target -> expressions.add(target.get("expr").asText())));
        Map<String, Object> alerts = new Yaml().load(Files.readString(ROOT.resolve("deploy/prometheus/alerts.yml")));
        for (Object group : (List<?>) alerts.get("groups")) {
            for (Object rule : (List<?>) ((Map<?, ?>) group).get("rules")) {
                expressions.add(String.valueOf(((Map<?, ?>) rule).get("expr")));
            }
        }
        assertThat(expressions).hasSizeGreaterThan(20);

        Set<String> used = new TreeSet<>();
        expressions.forEach(expression -> used.addAll(metricNames(expression)));
        assertThat(used).contains("mentorium_outbox_pending", "ai_circuit_breaker_state", "payments_total",
                "mentorium_quarantine_recent", "telegram_polling_up");
        Set<String> unknown = used.stream()
                .filter(name -> !exported.contains(name) && !name.startsWith("mentorium_scheduler_"))
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(unknown).as("metrics used by the dashboard or alerts that the bot does not export").isEmpty();
    }

    /** The metric names in one PromQL expression: what is left after strings, matchers, groupings and ranges. */
    static Set<String> metricNames(String expression) {
        String bare = QUOTED.matcher(expression).replaceAll("");
        bare = MATCHERS.matcher(bare).replaceAll(" ");
        bare = GROUPING.matcher(bare).replaceAll(" ");
        bare = RANGE.matcher(bare).replaceAll(" ");
        Set<String> names = new TreeSet<>();
        Matcher identifiers = IDENTIFIER.matcher(bare);
        while (identifiers.find()) {
            String word = identifiers.group();
            if (!PROMQL.contains(word)) {
                names.add(word);
            }
        }
        return names;
    }

    private static Set<String> botExports() {
        MetricsRegistry registry = new MetricsRegistry();
        new PrometheusPipelineMetrics(registry);
        AssistantMetrics assistant = new PrometheusAssistantMetrics(registry);
        assistant.breakerState(AssistantMetrics.BreakerState.CLOSED);
        new PrometheusOperationsMetrics(registry, now -> new OperationalCounts.Counts(1, 2, 3, 4),
                Clock.systemUTC()).polling(() -> true);
        // A pool's series appear once HikariCP asks for its tracker, as it does for each of the bot's pools.
        new PrometheusPoolMetrics(registry.prometheus()).create("mentorium-bot", new PoolStats(0) {
            @Override
            protected void update() {
            }
        });
        return sampleNames(registry.scrape());
    }

    static Set<String> sampleNames(String scrape) {
        return scrape.lines().filter(line -> !line.isBlank() && !line.startsWith("#"))
                .map(line -> line.split("[{ ]", 2)[0]).collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    @SuppressWarnings("unchecked")
    void compose_has_postgres_a_one_shot_migration_the_bot_and_two_schedulers_in_order() throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(ROOT.resolve("docker-compose.yml")));
        Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) compose.get("services");
        assertThat(services).containsOnlyKeys("postgres", "migrate", "bot", "scheduler");

        assertThat(services.get("postgres")).containsKey("healthcheck");
        assertThat(services.get("migrate").get("command")).isEqualTo(List.of("bot", "migrate"));
        assertThat(services.get("migrate").get("restart")).isEqualTo("no");
        assertThat(dependsOn(services.get("migrate"))).containsEntry("postgres", "service_healthy");
        for (String app : List.of("bot", "scheduler")) {
            assertThat(dependsOn(services.get(app))).as(app).containsEntry("migrate", "service_completed_successfully");
            assertThat(services.get(app)).as(app).containsKey("healthcheck");
            assertThat(String.valueOf(((Map<String, Object>) services.get(app).get("healthcheck")).get("test")))
                    .contains("/health/ready");
            Map<String, Object> environment = (Map<String, Object>) services.get(app).get("environment");
            assertThat(environment).as(app).containsKeys("DATABASE_URL", "DATABASE_USER", "DATABASE_PASSWORD");
        }
        assertThat(services.get("bot").get("command")).isEqualTo(List.of("bot", "run"));
        assertThat(services.get("scheduler").get("command")).isEqualTo(List.of("scheduler", "run"));
        assertThat(((Map<String, Object>) services.get("scheduler").get("deploy")).get("replicas")).isEqualTo(2);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> dependsOn(Map<String, Object> service) {
        Map<String, Object> conditions = new java.util.HashMap<>();
        ((Map<String, Map<String, Object>>) service.get("depends_on"))
                .forEach((name, spec) -> conditions.put(name, spec.get("condition")));
        return conditions;
    }

    @Test
    void the_dockerfile_is_multi_stage_non_root_with_a_health_check_and_copies_what_exists() throws IOException {
        List<String> lines = Files.readAllLines(ROOT.resolve("Dockerfile"));
        assertThat(lines).filteredOn(line -> line.startsWith("FROM "))
                .anySatisfy(line -> assertThat(line).contains("jdk").contains("21").contains(" AS build"))
                .anySatisfy(line -> assertThat(line).contains("21-jre"));
        assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("USER mentorium"));
        assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("HEALTHCHECK"));
        assertThat(String.join("\n", lines)).contains("/health/ready", "fontconfig", "fonts-dejavu");
        List<String> sources = lines.stream().filter(line -> line.startsWith("COPY ") && !line.contains("--from="))
                .map(line -> line.split("\\s+")).map(words -> words[1]).toList();
        assertThat(sources).isNotEmpty().allSatisfy(source ->
                assertThat(ROOT.resolve(source)).as("COPY source").exists());
        assertThat(lines).filteredOn(line -> line.contains("--from=build"))
                .allSatisfy(line -> assertThat(line).containsAnyOf("runner-bot/target/mentorium-bot.jar",
                        "runner-scheduler/target/mentorium-scheduler.jar"));
        assertThat(ROOT.resolve("deploy/docker-entrypoint.sh")).exists().isExecutable();
    }

    @Test
    void env_template_readme_and_the_code_name_the_same_variables() throws IOException {
        Set<String> read = variablesReadByTheCode();
        assertThat(read).contains("TELEGRAM_BOT_TOKEN", "SENTRY_DSN", "RETENTION_EVENTS_DAYS", "SCHEDULER_HTTP_PORT");

        Set<String> template = new TreeSet<>();
        Pattern assignment = Pattern.compile("^#?\\s?([A-Z][A-Z0-9_]+)=");
        for (String line : Files.readAllLines(ROOT.resolve(".env.template"))) {
            Matcher matcher = assignment.matcher(line);
            if (matcher.find()) {
                template.add(matcher.group(1));
            }
        }
        Set<String> composeOnly = Set.of("POSTGRES_DB", "POSTGRES_USER", "POSTGRES_PASSWORD", "HTTP_PUBLISHED_PORT",
                "JAVA_OPTS");
        Set<String> readme = readmeTableVariables();

        assertThat(template).as(".env.template").containsAll(read);
        assertThat(readme).as("README configuration table").containsAll(read);
        assertThat(difference(template, read)).as("in .env.template but read by nothing").isSubsetOf(composeOnly);
        assertThat(difference(readme, read)).as("in the README table but read by nothing").isEmpty();
    }

    private static Set<String> difference(Set<String> a, Set<String> b) {
        Set<String> rest = new TreeSet<>(a);
        rest.removeAll(b);
        return rest;
    }

    /** The names the configuration classes read: {@code env.string("NAME", …)} and its siblings, in main sources. */
    private static Set<String> variablesReadByTheCode() throws IOException {
        Pattern read = Pattern.compile("env\\.[a-zA-Z]+\\(\\s*\"([A-Z][A-Z0-9_]+)\"");
        Pattern constant = Pattern.compile("\"((?:PAYME|CLICK|PLATFORM_DATABASE|DATABASE|WEEKLY|MONTHLY|DAILY|SUBSCRIPTION)_[A-Z_]+)\"");
        Set<String> names = new TreeSet<>();
        try (Stream<Path> files = Files.walk(ROOT)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> p.toString().contains("/src/main/java/"))
                    .filter(p -> !p.toString().contains("/benchmarks/") && !p.toString().contains("/embedding-example/"))
                    .toList()) {
                String source = Files.readString(file);
                Matcher matcher = read.matcher(source);
                while (matcher.find()) {
                    names.add(matcher.group(1));
                }
                if (source.contains("Environment")) {
                    Matcher constants = constant.matcher(source);
                    while (constants.find()) {
                        names.add(constants.group(1));
                    }
                }
            }
        }
        return names;
    }

    private static Set<String> readmeTableVariables() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        String table = readme.substring(readme.indexOf("## Configuration"), readme.indexOf("Exit codes:"));
        Set<String> names = new TreeSet<>();
        for (String line : table.lines().filter(line -> line.startsWith("| `")).toList()) {
            Matcher matcher = Pattern.compile("`([A-Z][A-Z0-9_]+)`").matcher(line.split("\\|")[1]);
            while (matcher.find()) {
                names.add(matcher.group(1));
            }
        }
        return names;
    }
}
