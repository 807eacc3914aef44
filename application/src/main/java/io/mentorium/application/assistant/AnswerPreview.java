package io.mentorium.application.assistant;

import io.mentorium.application.port.out.Messenger;
import io.mentorium.application.port.out.Messenger.SendResult;
import io.mentorium.domain.shared.ChatId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Shows an answer while it is being written: a draft that grows in place (Bot API {@code sendMessageDraft}), at most
 * once per {@code interval} per chat; where drafts are refused, one preview message edited at the same pace. Every
 * preview is best effort — skipped when the global send budget has no room, never retried — because the complete
 * answer always follows as a normal message through the outbox.
 *
 * <p>Not thread-safe: one answer, one thread.
 */
final class AnswerPreview implements Consumer<String> {

    /** Whether previews go out as drafts or as edits of one message; shared by all answers of a process. */
    static final class Mode {

        private volatile boolean draftsRefused;

        boolean drafts() {
            return !draftsRefused;
        }

        void refuseDrafts() {
            draftsRefused = true;
        }
    }

    private final ChatId chatId;
    private final int draftId;
    private final Messenger messenger;
    private final Function<Supplier<SendResult>, Optional<SendResult>> budget;
    private final Mode mode;
    private final Clock clock;
    private final Duration interval;

    private Instant lastShown = Instant.MIN;
    private String lastText = "";
    private OptionalLong previewMessageId = OptionalLong.empty();
    private boolean stopped;

    /**
     * @param budget runs a send if the global send budget has room now (empty when skipped)
     */
    AnswerPreview(ChatId chatId, long questionId, Messenger messenger,
                  Function<Supplier<SendResult>, Optional<SendResult>> budget, Mode mode, Clock clock,
                  Duration interval) {
        this.chatId = chatId;
        // Non-zero, and distinct between a parent's successive questions so that drafts do not animate into each other.
        this.draftId = (int) (questionId % Integer.MAX_VALUE) + 1;
        this.messenger = messenger;
        this.budget = budget;
        this.mode = mode;
        this.clock = clock;
        this.interval = interval;
    }

    /** The "thinking…" placeholder, at once. */
    void start() {
        if (mode.drafts()) {
            showDraft("");
        }
    }

    /** @param textSoFar the whole answer so far */
    @Override
    public void accept(String textSoFar) {
        Instant now = clock.instant();
        if (stopped || textSoFar.isBlank() || now.isBefore(lastShown.plus(interval))) {
            return;
        }
        String preview = AnswerFormat.preview(textSoFar);
        if (preview.equals(lastText)) {
            return;
        }
        if (mode.drafts()) {
            showDraft(preview);
        } else {
            showEdited(preview);
        }
    }

    /** The message that showed the preview, which the final answer should replace; empty when drafts were used. */
    OptionalLong previewMessageId() {
        return previewMessageId;
    }

    private void showDraft(String preview) {
        Optional<SendResult> result = budget.apply(() -> messenger.draft(chatId, draftId, preview));
        result.ifPresent(sent -> {
            switch (sent) {
                case SendResult.Sent ok -> shown(preview);
                case SendResult.Failed failed when !failed.retryable() -> {
                    // This Bot API server (or chat) has no drafts: from now on, stream by editing a message.
                    mode.refuseDrafts();
                    if (!preview.isEmpty()) {
                        showEdited(preview);
                    }
                }
                case SendResult.RecipientBlocked blocked -> stopped = true;
                default -> {
                    // A 429 (the budget paused all sending) or a passing failure: the next preview may go.
                }
            }
        });
    }

    private void showEdited(String preview) {
        Optional<SendResult> result = budget.apply(() -> previewMessageId.isPresent()
                ? messenger.send(new Messenger.EditText(chatId, previewMessageId.getAsLong(), preview,
                        Messenger.Keyboard.Inline.NONE))
                : messenger.send(new Messenger.SendText(chatId, preview)));
        result.ifPresent(sent -> {
            switch (sent) {
                case SendResult.Sent ok -> {
                    if (previewMessageId.isEmpty() && ok.messageId().isPresent()) {
                        previewMessageId = OptionalLong.of(ok.messageId().get());
                    }
                    shown(preview);
                }
                case SendResult.RecipientBlocked blocked -> stopped = true;
                default -> {
                }
            }
        });
    }

    private void shown(String preview) {
        lastShown = clock.instant();
        lastText = preview;
    }
}
