package io.mentorium.application.port.out;

/** Counts tokens the way the model's tokenizer does, so stored messages carry what they cost in a prompt. */
public interface TokenCounter {

    /** Tokens of a text, special-token look-alikes counted as ordinary text. */
    int count(String text);

    /** Tokens a message of this role and content takes in a chat prompt, its framing included. */
    int countMessage(String role, String content);
}
