package io.quarkiverse.dataprotection.cli;

import picocli.CommandLine.Option;

/** How a command prints: text or JSON, and whether errors come with their causes. Not thread-safe. */
final class OutputOptions {

    @Option(names = "--json", description = "Print one JSON object (field names in the documentation).")
    boolean json;

    @Option(names = { "-v",
            "--verbose" }, description = "Print errors with their causes and stack traces, and informational logs.")
    boolean verbose;
}
