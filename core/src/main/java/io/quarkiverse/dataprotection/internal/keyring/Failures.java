package io.quarkiverse.dataprotection.internal.keyring;

/**
 * How the key ring treats throwables from stores, parsers and decryptors: anything short of a JVM failure becomes a
 * reported read failure, so that no input can stop a refresh or escape the public API as an unexpected type.
 * <p>
 * Stateless.
 */
final class Failures {

    private Failures() {
    }

    /**
     * Rethrows {@code e} when the JVM itself is failing ({@link VirtualMachineError} such as
     * {@link OutOfMemoryError}); a {@link StackOverflowError} unwinds cleanly, so it is treated like any other failure.
     */
    static void rethrowIfFatal(Throwable e) {
        if (e instanceof VirtualMachineError fatal && !(e instanceof StackOverflowError)) {
            throw fatal;
        }
    }

    /** A message for logs and health: the throwable's message, or its type when it has none. */
    static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
