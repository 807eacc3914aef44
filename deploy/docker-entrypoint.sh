#!/bin/sh
# The image's entry point: "bot ARGS…" runs mentorium-bot, "scheduler ARGS…" runs mentorium-scheduler. exec, so the
# JVM is PID 1's child-free replacement and receives SIGTERM from `docker stop` for its graceful shutdown.
set -eu
what="${1:-bot}"
[ "$#" -gt 0 ] && shift
case "$what" in
  # As bin/mentorium-bot: headless charts, short young collections with room kept to copy what survives them;
  # JAVA_OPTS after them may say otherwise.
  bot) exec java -Djava.awt.headless=true -XX:MaxGCPauseMillis=50 -XX:G1ReservePercent=30 ${JAVA_OPTS:-} -jar /app/mentorium-bot.jar "$@" ;;
  scheduler) exec java ${JAVA_OPTS:-} -jar /app/mentorium-scheduler.jar "$@" ;;
  *) echo "usage: bot [run|migrate|check-config|--help] | scheduler [run|trigger JOB|--help]" >&2; exit 2 ;;
esac
