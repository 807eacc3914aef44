package io.mentorium.adapters.persistence.jdbi;

import java.time.Instant;

/**
 * A row of {@code bot.event_log}, with the {@code details} object taken apart into keys and values in the same order.
 */
record EventRow(String type, Long actorId, String[] detailKeys, String[] detailValues, Instant occurredAt) {

    /** The details as a JSON object of strings; written by hand, the persistence adapter carries no JSON library. */
    String detailsJson() {
        StringBuilder json = new StringBuilder(16 + 24 * detailKeys.length).append('{');
        for (int i = 0; i < detailKeys.length; i++) {
            if (i > 0) {
                json.append(',');
            }
            quote(json, detailKeys[i]);
            json.append(':');
            quote(json, detailValues[i]);
        }
        return json.append('}').toString();
    }

    private static void quote(StringBuilder json, String text) {
        json.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        json.append('"');
    }
}
