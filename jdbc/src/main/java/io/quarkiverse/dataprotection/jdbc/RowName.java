package io.quarkiverse.dataprotection.jdbc;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.quarkiverse.dataprotection.spi.StoredElement;

/**
 * The {@linkplain StoredElement#name() handle} of a row: {@code row <Id> (<FriendlyName>)}, e.g.
 * {@code row 12 (key-80732141-ec8f-4b80-af9c-c4d2d1ff8901)}. It names the row in logs and health data and carries the
 * {@code Id} that {@link JdbcXmlRepository#remove} deletes by. The friendly name is another writer's free text, so
 * control characters are replaced and it is shortened. Stateless.
 */
final class RowName {

    private static final Pattern ID = Pattern.compile("^row (\\d{1,19})(?: \\(.*\\))?$", Pattern.DOTALL);
    private static final int MAX_FRIENDLY_NAME = 100;

    private RowName() {
    }

    static String of(long id, String friendlyName) {
        if (friendlyName == null) {
            return "row " + id;
        }
        String shown = friendlyName.length() > MAX_FRIENDLY_NAME ? friendlyName.substring(0, MAX_FRIENDLY_NAME) + "..."
                : friendlyName;
        return "row " + id + " (" + shown.replaceAll("\\p{Cntrl}", "?") + ")";
    }

    /**
     * The {@code Id} in a handle of this store.
     *
     * @throws IllegalArgumentException for an element this store did not return
     */
    static long id(StoredElement element) {
        Matcher m = element.name() == null ? null : ID.matcher(element.name());
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException("Cannot remove " + element + ": the JDBC key store removes only elements "
                    + "it returned, named 'row <Id> (...)'");
        }
        return Long.parseLong(m.group(1));
    }
}
