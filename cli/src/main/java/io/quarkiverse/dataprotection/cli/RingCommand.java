package io.quarkiverse.dataprotection.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.concurrent.Callable;

import io.quarkiverse.dataprotection.cdi.ConfiguredKeyRing;
import io.quarkiverse.dataprotection.store.FileSystemXmlRepository;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * A subcommand that opens the ring of {@link RingOptions}, runs, and closes the ring (releasing a Redis client or a
 * certificate refresh) whatever happens.
 * <p>
 * Not thread-safe: picocli fills one instance per run.
 */
abstract class RingCommand implements Callable<Integer> {

    @Mixin
    RingOptions ring;

    @Mixin
    OutputOptions output;

    @Spec
    CommandSpec spec;

    @ParentCommand
    DataProtectionCli root;

    @Override
    public final Integer call() {
        try (ConfiguredKeyRing opened = ring.open()) {
            if (!createsStore() && opened.store() instanceof FileSystemXmlRepository files
                    && Files.notExists(files.directory())) {
                err().println("warning: the key directory " + files.directory() + " does not exist (yet); check "
                        + "--directory or " + RingOptions.PREFIX + "file.directory");
            }
            return run(opened);
        }
    }

    /** Whether the command may be the first to write to the store (so a missing key directory is expected). */
    boolean createsStore() {
        return false;
    }

    /** Runs with the opened ring and returns the exit code; fails with {@link CliException}. */
    abstract int run(ConfiguredKeyRing ring);

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    boolean json() {
        return output.json;
    }

    boolean verbose() {
        return output.verbose;
    }
}
