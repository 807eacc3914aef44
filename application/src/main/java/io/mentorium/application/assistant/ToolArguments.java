package io.mentorium.application.assistant;

import io.mentorium.application.port.out.AiAssistant.Parameter;
import io.mentorium.application.port.out.AiAssistant.Tool;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a model's arguments against the parameters a tool declares, so that every tool body works with values of the
 * declared type only. The model is not trusted to follow its schema: it may invent arguments, send a string for a
 * number or a number outside the range.
 */
final class ToolArguments {

    private ToolArguments() {
    }

    /** Either the checked values (by parameter name, absent ones left out) or the first problem found. */
    sealed interface Checked {

        record Valid(Map<String, Object> values) implements Checked {

            String string(String name) {
                return (String) values.get(name);
            }

            Optional<String> optionalString(String name) {
                return Optional.ofNullable((String) values.get(name));
            }

            int integer(String name) {
                return (Integer) values.get(name);
            }

            Optional<Boolean> optionalBoolean(String name) {
                return Optional.ofNullable((Boolean) values.get(name));
            }

            @SuppressWarnings("unchecked")
            Optional<List<String>> optionalStrings(String name) {
                return Optional.ofNullable((List<String>) values.get(name));
            }
        }

        record Invalid(String problem) implements Checked {
        }
    }

    /**
     * Strings with an allowed list are compared and returned in lower case (a model writes "Weekly" as often as
     * "weekly"); integers are returned as {@link Integer}, string arrays as lists without duplicates. A JSON null
     * counts as an absent argument.
     */
    static Checked check(Tool tool, Map<String, Object> arguments) {
        Map<String, Parameter> declared = new LinkedHashMap<>();
        for (Parameter parameter : tool.parameters()) {
            declared.put(parameter.name(), parameter);
        }
        for (String name : arguments.keySet()) {
            if (!declared.containsKey(name)) {
                return new Checked.Invalid("unknown argument '" + printable(name) + "' for " + tool.name()
                        + (declared.isEmpty() ? ": it takes no arguments" : ": it takes " + String.join(", ", declared.keySet())));
            }
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (Parameter parameter : declared.values()) {
            Object raw = arguments.get(parameter.name());
            if (raw == null) {
                if (parameter.required()) {
                    return new Checked.Invalid("missing required argument '" + parameter.name() + "'");
                }
                continue;
            }
            Object value = switch (parameter.type()) {
                case STRING -> string(parameter, raw);
                case INTEGER -> integer(parameter, raw);
                case BOOLEAN -> raw instanceof Boolean bool ? bool : new Checked.Invalid(wrongType(parameter, "a boolean"));
                case STRING_ARRAY -> strings(parameter, raw);
            };
            if (value instanceof Checked.Invalid invalid) {
                return invalid;
            }
            values.put(parameter.name(), value);
        }
        return new Checked.Valid(values);
    }

    private static Object string(Parameter parameter, Object raw) {
        if (!(raw instanceof String text)) {
            return new Checked.Invalid(wrongType(parameter, "a string"));
        }
        return allowed(parameter, text.strip());
    }

    private static Object allowed(Parameter parameter, String text) {
        if (parameter.allowed().isEmpty()) {
            return text;
        }
        String lower = text.toLowerCase(Locale.ROOT);
        if (!parameter.allowed().contains(lower)) {
            return new Checked.Invalid("argument '" + parameter.name() + "' must be one of "
                    + String.join(", ", parameter.allowed()));
        }
        return lower;
    }

    private static Object integer(Parameter parameter, Object raw) {
        Optional<Long> whole = whole(raw);
        if (whole.isEmpty()) {
            return new Checked.Invalid(wrongType(parameter, "an integer"));
        }
        long value = whole.get();
        if (parameter.minimum().isPresent() && value < parameter.minimum().get()
                || parameter.maximum().isPresent() && value > parameter.maximum().get()) {
            return new Checked.Invalid("argument '" + parameter.name() + "' is out of range: it must be "
                    + parameter.minimum().map(min -> "at least " + min).orElse("")
                    + (parameter.minimum().isPresent() && parameter.maximum().isPresent() ? " and " : "")
                    + parameter.maximum().map(max -> "at most " + max).orElse(""));
        }
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            return new Checked.Invalid("argument '" + parameter.name() + "' is out of range");
        }
        return (int) value;
    }

    /** JSON has only "number": a parser may hand over 5 as a Long, a Double or a BigDecimal. 5.5 is not whole. */
    private static Optional<Long> whole(Object raw) {
        return switch (raw) {
            case Integer value -> Optional.of(value.longValue());
            case Long value -> Optional.of(value);
            case Short value -> Optional.of(value.longValue());
            case Byte value -> Optional.of(value.longValue());
            case BigInteger value -> Optional.of(saturated(value));
            case BigDecimal value -> value.stripTrailingZeros().scale() > 0
                    ? Optional.empty()
                    : Optional.of(saturated(value.toBigIntegerExact()));
            case Double value -> whole(value.doubleValue());
            case Float value -> whole(value.doubleValue());
            default -> Optional.empty();
        };
    }

    /** Beyond a long the exact value no longer matters: the range check refuses it either way. */
    private static long saturated(BigInteger value) {
        if (value.bitLength() < 64) {
            return value.longValue();
        }
        return value.signum() < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
    }

    private static Optional<Long> whole(double value) {
        if (!Double.isFinite(value) || value != Math.rint(value)) {
            return Optional.empty();
        }
        // Huge doubles saturate, which the range check then refuses.
        return Optional.of((long) value);
    }

    private static Object strings(Parameter parameter, Object raw) {
        if (!(raw instanceof List<?> list)) {
            return new Checked.Invalid(wrongType(parameter, "an array of strings"));
        }
        Set<String> values = new LinkedHashSet<>();
        for (Object element : list) {
            if (!(element instanceof String text)) {
                return new Checked.Invalid(wrongType(parameter, "an array of strings"));
            }
            Object value = allowed(parameter, text.strip());
            if (value instanceof Checked.Invalid invalid) {
                return invalid;
            }
            values.add((String) value);
        }
        return new ArrayList<>(values);
    }

    private static String wrongType(Parameter parameter, String expected) {
        return "argument '" + parameter.name() + "' has the wrong type: it must be " + expected;
    }

    /** An argument name the model invented goes back to it in the error, but short and on one line. */
    private static String printable(String name) {
        String flat = name.replaceAll("\\p{Cntrl}", " ");
        return flat.length() <= 40 ? flat : flat.substring(0, 40) + "…";
    }
}
