package io.quarkiverse.dataprotection.runtime.startup;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Finds build-time properties given a different value when the application starts. Such a value has no effect (the
 * build already decided, e.g. which key store classes exist), so a {@code key-store=redis} set in the environment of
 * an application built for the file store would otherwise be ignored without a word. Stateless.
 */
final class BuildTimeMismatch {

    private BuildTimeMismatch() {
    }

    /**
     * One warning per property whose run-time value differs from the value the application was built with.
     *
     * @param builtWith each build-time property and the value the build used
     * @param runTimeValue the value a property has now, if it is set at all
     */
    static List<String> warnings(Map<String, String> builtWith, Function<String, Optional<String>> runTimeValue) {
        List<String> warnings = new ArrayList<>();
        new TreeMap<>(builtWith).forEach((property, built) -> runTimeValue.apply(property)
                .filter(now -> !normalized(now).equals(normalized(built)))
                .ifPresent(now -> warnings.add(property + " is '" + now.strip() + "' at run time, but the application "
                        + "was built with '" + built + "'. It is a build-time property: the run-time value is ignored "
                        + "and '" + built + "' stays in effect. To use '" + now.strip()
                        + "', set it when building and rebuild the application (or remove the run-time value)")));
        return warnings;
    }

    // Booleans are read case-insensitively by the config system; store kinds are lower-case names.
    private static String normalized(String value) {
        return value.strip().toLowerCase(Locale.ROOT);
    }
}
