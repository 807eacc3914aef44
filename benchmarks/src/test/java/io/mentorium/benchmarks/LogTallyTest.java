package io.mentorium.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LogTallyTest {

    @Test
    void countsWarningsAndErrorsAndGroupsThemWithNumbersBlanked() {
        LogTally tally = LogTally.of(List.of(
                "16:20:01.123 INFO  [main] i.m.r.b.BotRuntime  - running; HTTP on port 8080",
                "16:20:02.001 WARN  [assistant-1] i.m.a.a.AssistantDesk  - Could not read question 17; the sweep",
                "16:20:02.002 WARN  [assistant-2] i.m.a.a.AssistantDesk  - Could not read question 18; the sweep",
                "16:20:03.500 ERROR [assistant-3] i.m.a.a.AssistantDesk {chat=5} - Answering question 19 failed",
                "\tat java.base/java.lang.Thread.run(Thread.java:1583)"), 5);

        assertThat(tally.warnings()).isEqualTo(2);
        assertThat(tally.errors()).isEqualTo(1);
        assertThat(tally.top()).containsExactly(
                Map.entry("WARN i.m.a.a.AssistantDesk - Could not read question #; the sweep", 2),
                Map.entry("ERROR i.m.a.a.AssistantDesk - Answering question # failed", 1));
    }
}
