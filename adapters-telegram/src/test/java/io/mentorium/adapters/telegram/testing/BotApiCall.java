package io.mentorium.adapters.telegram.testing;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One request the stand-in received.
 *
 * @param method the Bot API method in its documented spelling ({@code sendMessage}), whatever case the client used
 * @param params the parameters as parsed from the JSON or form body (nested JSON objects as maps and lists)
 * @param at     when the request arrived
 */
public record BotApiCall(String method, Map<String, Object> params, Instant at) {

    public BotApiCall {
        Objects.requireNonNull(method, "method");
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        Objects.requireNonNull(at, "at");
    }

    public Optional<Object> param(String name) {
        return Optional.ofNullable(params.get(name));
    }

    public boolean has(String name) {
        return params.containsKey(name) && params.get(name) != null;
    }

    /** The parameter as text; numbers and booleans as Telegram would read them from a form. */
    public String string(String name) {
        Object value = params.get(name);
        if (value == null) {
            throw new AssertionError(method + " has no parameter " + name + ": " + params);
        }
        return String.valueOf(value);
    }

    public long longParam(String name) {
        Object value = params.get(name);
        return value instanceof Number number ? number.longValue() : Long.parseLong(string(name));
    }

    public boolean bool(String name) {
        Object value = params.get(name);
        return value instanceof Boolean flag ? flag : Boolean.parseBoolean(string(name));
    }

    /** A JSON object parameter such as {@code reply_markup} or {@code link_preview_options}. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> object(String name) {
        Object value = params.get(name);
        if (value instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        throw new AssertionError(method + " parameter " + name + " is not an object: " + value);
    }

    @SuppressWarnings("unchecked")
    public List<Object> list(String name) {
        Object value = params.get(name);
        if (value instanceof List<?> list) {
            return (List<Object>) list;
        }
        throw new AssertionError(method + " parameter " + name + " is not a list: " + value);
    }
}
