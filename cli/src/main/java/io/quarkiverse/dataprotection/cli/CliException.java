package io.quarkiverse.dataprotection.cli;

/**
 * A failure the command reports as one line with its exit code. The message never holds key material, plaintext or
 * key XML.
 */
final class CliException extends RuntimeException {

    private final int exitCode;

    CliException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    CliException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }

    static CliException usage(String message) {
        return new CliException(ExitCode.USAGE, message);
    }

    static CliException notFound(String message) {
        return new CliException(ExitCode.NOT_FOUND, message);
    }
}
