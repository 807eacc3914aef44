package com.example.supportdesk;

/** What the demo prints, shared by the in-process test and the fresh-JVM run. */
final class SupportDeskOutput {

    static final String EXPECTED = """
            Family of parent 1001
              Jasur Karimov, week 2026-03-09..2026-03-15: 3 activities, 2 lessons, 75 min, 3 active days, streak 3, \
            trend UP
              L-malika: no longer on the platform
              assistant: granted until 2026-03-20T12:00:00Z
            Family of parent 1002
              Dilnoza Tursunova, week 2026-03-09..2026-03-15: 0 activities, 0 lessons, 0 min, 0 active days, streak 0, \
            trend NO_BASELINE
              assistant: denied, expired 2026-02-01T00:00:00Z
            Parent 1002 now reads the bot in en
            """;

    private SupportDeskOutput() {
    }
}
