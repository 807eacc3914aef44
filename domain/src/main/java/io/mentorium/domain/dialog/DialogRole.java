package io.mentorium.domain.dialog;

public enum DialogRole {
    USER,
    ASSISTANT,
    /** The result of a function the assistant called, kept so a follow-up question has the same grounding. */
    TOOL
}
