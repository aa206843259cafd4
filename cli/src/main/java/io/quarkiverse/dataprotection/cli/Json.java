package io.quarkiverse.dataprotection.cli;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The few JSON shapes the command prints: objects with fixed, documented field names, in insertion order, holding
 * strings, numbers, booleans, nulls, lists and nested objects. Written by hand so that the jar needs no JSON library.
 * <p>
 * Not thread-safe (built by one command).
 */
final class Json {

    private final Map<String, Object> fields = new LinkedHashMap<>();

    static Json object() {
        return new Json();
    }

    /** Adds a field; {@code value} is a String, Number, Boolean, Json, Collection or null (other types as text). */
    Json put(String name, Object value) {
        fields.put(name, value);
        return this;
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        write(out, this);
        return out.toString();
    }

    private static void write(StringBuilder out, Object value) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof Boolean || value instanceof Number) {
            out.append(value);
        } else if (value instanceof Json json) {
            out.append('{');
            String separator = "";
            for (Map.Entry<String, Object> field : json.fields.entrySet()) {
                out.append(separator);
                string(out, field.getKey());
                out.append(':');
                write(out, field.getValue());
                separator = ",";
            }
            out.append('}');
        } else if (value instanceof Collection<?> list) {
            out.append('[');
            String separator = "";
            for (Object item : list) {
                out.append(separator);
                write(out, item);
                separator = ",";
            }
            out.append(']');
        } else {
            string(out, value.toString());
        }
    }

    private static void string(StringBuilder out, String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
