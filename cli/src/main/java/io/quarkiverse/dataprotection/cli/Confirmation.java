package io.quarkiverse.dataprotection.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Asks before a change that cannot be undone. The answer is read from standard input; where there is none (CI, a
 * pipe from {@code /dev/null}) the change is refused and {@code --yes} is named. Stateless.
 */
final class Confirmation {

    private Confirmation() {
    }

    /**
     * @throws CliException with {@link ExitCode#USAGE} unless confirmed
     */
    static void require(boolean yes, String question, InputStream in, PrintWriter err) {
        if (yes) {
            return;
        }
        err.print(question + " Type yes to confirm: ");
        err.flush();
        String answer;
        try {
            answer = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
        } catch (IOException e) {
            answer = null;
        }
        if (answer == null) {
            err.println();
            throw CliException.usage("Not confirmed: standard input is closed; pass --yes to confirm without asking");
        }
        String normalized = answer.strip().toLowerCase(Locale.ROOT);
        if (!normalized.equals("yes") && !normalized.equals("y")) {
            throw CliException.usage("Not confirmed (answer '" + answer.strip() + "'); nothing was changed");
        }
    }
}
