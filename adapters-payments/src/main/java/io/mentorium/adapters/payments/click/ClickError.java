package io.mentorium.adapters.payments.click;

/** The SHOP-API error codes and the notes Click's documentation gives them (protocols.md, Click section). */
enum ClickError {
    SUCCESS(0, "Success"),
    SIGN_CHECK_FAILED(-1, "SIGN CHECK FAILED!"),
    INCORRECT_AMOUNT(-2, "Incorrect parameter amount"),
    ACTION_NOT_FOUND(-3, "Action not found"),
    ALREADY_PAID(-4, "Already paid"),
    ORDER_NOT_FOUND(-5, "User does not exist"),
    TRANSACTION_NOT_FOUND(-6, "Transaction does not exist"),
    FAILED_TO_UPDATE(-7, "Failed to update user"),
    BAD_REQUEST(-8, "Error in request from click"),
    TRANSACTION_CANCELLED(-9, "Transaction cancelled");

    private final int code;
    private final String note;

    ClickError(int code, String note) {
        this.code = code;
        this.note = note;
    }

    int code() {
        return code;
    }

    String note() {
        return note;
    }
}
