package io.quarkiverse.dataprotection.testing;

/** Helpers for asserting on failures whose cause chains a framework wraps (Quarkus build and start failures). */
public final class Throwables {

    private Throwables() {
    }

    /** Every message of {@code e}'s cause chain, one per line. */
    public static String messages(Throwable e) {
        StringBuilder messages = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            messages.append(t.getMessage()).append('\n');
        }
        return messages.toString();
    }
}
