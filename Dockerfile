# syntax=docker/dockerfile:1
# Two stages: the Maven wrapper builds both shaded jars on a JDK 21; the runtime is a JRE 21 with fonts for the
# charts, running as an unprivileged user. One image serves the bot, the migration and the schedulers:
#   docker run IMAGE bot run | bot migrate | bot check-config | scheduler run | scheduler trigger JOB

FROM eclipse-temurin:21-jdk AS build
WORKDIR /src
# The wrapper and the poms first: the dependency layer is rebuilt only when a pom changes.
COPY mvnw ./
COPY .mvn .mvn
COPY pom.xml ./
COPY domain/pom.xml domain/
COPY application/pom.xml application/
COPY adapters-persistence/pom.xml adapters-persistence/
COPY adapters-telegram/pom.xml adapters-telegram/
COPY adapters-openai/pom.xml adapters-openai/
COPY adapters-payments/pom.xml adapters-payments/
COPY runner-bot/pom.xml runner-bot/
COPY runner-scheduler/pom.xml runner-scheduler/
RUN ./mvnw -q -B -pl runner-bot,runner-scheduler -am dependency:go-offline -DskipTests || true
COPY domain domain
COPY application application
COPY adapters-persistence adapters-persistence
COPY adapters-telegram adapters-telegram
COPY adapters-openai adapters-openai
COPY adapters-payments adapters-payments
COPY runner-bot runner-bot
COPY runner-scheduler runner-scheduler
# The tests ran in CI (./mvnw verify); the image build only packages.
RUN ./mvnw -q -B -pl runner-bot,runner-scheduler -am package -DskipTests

FROM eclipse-temurin:21-jre AS runtime
RUN apt-get update \
 && apt-get install -y --no-install-recommends fontconfig fonts-dejavu-core curl \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 mentorium \
 && useradd --system --uid 10001 --gid mentorium --home-dir /app --shell /usr/sbin/nologin mentorium
WORKDIR /app
COPY --from=build /src/runner-bot/target/mentorium-bot.jar /app/mentorium-bot.jar
COPY --from=build /src/runner-scheduler/target/mentorium-scheduler.jar /app/mentorium-scheduler.jar
COPY deploy/docker-entrypoint.sh /app/docker-entrypoint.sh
RUN chmod 0555 /app/docker-entrypoint.sh && mkdir -p /app/data && chown mentorium:mentorium /app/data
USER mentorium
ENV JAVA_OPTS="-XX:MaxRAMPercentage=75 -Djava.awt.headless=true" \
    MENTORIUM_DATA_DIR=/app/data \
    HTTP_PORT=8080 \
    SCHEDULER_HTTP_PORT=8081
EXPOSE 8080 8081
# The bot's readiness (databases answer, polling runs); the scheduler's port answers the same path.
HEALTHCHECK --interval=15s --timeout=3s --start-period=60s --retries=3 \
  CMD curl -fsS "http://127.0.0.1:${HEALTH_PORT:-8080}/health/ready" > /dev/null || exit 1
ENTRYPOINT ["/app/docker-entrypoint.sh"]
CMD ["bot", "run"]
