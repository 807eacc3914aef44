package io.mentorium.adapters.persistence.platform;

import java.math.BigDecimal;
import java.time.Instant;

/** Rows of the platform relations (contract §4), as the queries here read them. */
final class PlatformRows {

    private PlatformRows() {
    }

    record LearnerRow(String id, String fullName, String grade, String timezone, boolean active) {
    }

    record CodeRow(String learnerId, String code, Instant expiresAt) {
    }

    record EnrollmentRow(String learnerId, String courseId, String courseTitle, String courseSubject,
                         Instant enrolledAt, BigDecimal progressPercent) {
    }

    record ActivityRow(long id, String learnerId, String courseId, String kind, String title, BigDecimal score,
                       int durationSeconds, Instant occurredAt) {
    }
}
