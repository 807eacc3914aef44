package io.mentorium.adapters.payments.click;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Decodes an {@code application/x-www-form-urlencoded} body in UTF-8. Strict where {@code URLDecoder} is lenient:
 * a broken percent escape, bytes that are not UTF-8 or a field given twice make the whole body malformed instead of
 * being replaced or silently picking one value — the signature is checked over these values, so an ambiguous one must
 * not reach it.
 */
final class ClickForm {

    private static final String FORM = "application/x-www-form-urlencoded";

    private ClickForm() {
    }

    static final class Malformed extends Exception {
        Malformed(String reason) {
            super(reason, null, false, false);
        }
    }

    static Map<String, String> parse(byte[] body, String contentType) throws Malformed {
        requireForm(contentType);
        String text = utf8(body == null ? new byte[0] : body);
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : text.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            if (fields.putIfAbsent(name, value) != null) {
                throw new Malformed("field " + name + " given twice");
            }
        }
        return fields;
    }

    private static void requireForm(String contentType) throws Malformed {
        if (contentType == null) {
            throw new Malformed("no content type");
        }
        String[] parts = contentType.split(";");
        if (!parts[0].strip().toLowerCase(Locale.ROOT).equals(FORM)) {
            throw new Malformed("content type is not " + FORM);
        }
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].strip().toLowerCase(Locale.ROOT);
            if (parameter.startsWith("charset=")) {
                String charset = parameter.substring("charset=".length()).replace("\"", "");
                if (!charset.equals("utf-8") && !charset.equals("utf8")) {
                    throw new Malformed("charset is not UTF-8");
                }
            }
        }
    }

    private static String decode(String encoded) throws Malformed {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(encoded.length());
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '+') {
                bytes.write(' ');
            } else if (c == '%') {
                if (i + 2 >= encoded.length()) {
                    throw new Malformed("truncated percent escape");
                }
                int high = Character.digit(encoded.charAt(i + 1), 16);
                int low = Character.digit(encoded.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    throw new Malformed("broken percent escape");
                }
                bytes.write(high << 4 | low);
                i += 2;
            } else {
                byte[] raw = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                if (Character.isSurrogate(c)) {
                    // A body decoded strictly holds only paired surrogates; copy the pair as one code point.
                    raw = encoded.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
                    i++;
                }
                bytes.writeBytes(raw);
            }
        }
        return utf8(bytes.toByteArray());
    }

    private static String utf8(byte[] bytes) throws Malformed {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new Malformed("not UTF-8");
        }
    }
}
