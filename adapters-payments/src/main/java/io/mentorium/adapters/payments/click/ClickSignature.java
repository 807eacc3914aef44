package io.mentorium.adapters.payments.click;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Click's {@code sign_string}: the MD5 hex of the plain concatenation of the request's values exactly as received —
 * never reformatted (an amount of {@code 1000.00} is signed as {@code 1000.00}, not {@code 1000}). The order is the
 * documented one (protocols.md); one of Click's own sample libraries puts the fields in another order, so do not
 * "fix" this from a sample.
 */
final class ClickSignature {

    private ClickSignature() {
    }

    /** Prepare: click_trans_id + service_id + SECRET_KEY + merchant_trans_id + amount + action + sign_time. */
    static String prepare(String clickTransId, String serviceId, String secretKey, String merchantTransId,
                          String amount, String action, String signTime) {
        return md5Hex(clickTransId + serviceId + secretKey + merchantTransId + amount + action + signTime);
    }

    /**
     * Complete: click_trans_id + service_id + SECRET_KEY + merchant_trans_id + merchant_prepare_id + amount + action
     * + sign_time.
     */
    static String complete(String clickTransId, String serviceId, String secretKey, String merchantTransId,
                           String merchantPrepareId, String amount, String action, String signTime) {
        return md5Hex(clickTransId + serviceId + secretKey + merchantTransId + merchantPrepareId + amount + action
                + signTime);
    }

    /**
     * Compares in time independent of where the strings differ, so the answer's timing does not reveal how much of a
     * guessed signature was right. Hex case is not significant.
     */
    static boolean matches(String expectedHex, String receivedHex) {
        return MessageDigest.isEqual(expectedHex.getBytes(StandardCharsets.US_ASCII),
                receivedHex.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
    }

    private static String md5Hex(String text) {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            return HexFormat.of().formatHex(md5.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has MD5", e);
        }
    }
}
