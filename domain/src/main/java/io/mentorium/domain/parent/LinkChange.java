package io.mentorium.domain.parent;

/** What asking a parent to link a learner did. */
public enum LinkChange {
    LINKED,
    ALREADY_LINKED,
    /** The parent has {@link Parent#MAX_CHILDREN} links already. */
    TOO_MANY_CHILDREN
}
