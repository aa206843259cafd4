package io.quarkiverse.dataprotection.cli;

import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import io.quarkiverse.dataprotection.DataProtectionException;
import io.quarkiverse.dataprotection.spi.XmlRepositoryException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code data-protection}: operates a key ring from the configuration its service uses. Exit codes are
 * {@link ExitCode}'s; errors are one line on standard error unless {@code --verbose}; nothing printed ever holds
 * key bytes, decrypted data or (except {@code export}) key XML.
 * <p>
 * {@link #execute} runs one command line in-process (tests do); {@link #main} is the jar's entry point. Not
 * thread-safe: one instance per run.
 */
@Command(name = "data-protection", mixinStandardHelpOptions = true, versionProvider = DataProtectionCli.Version.class, description = "Inspects and operates an ASP.NET Core compatible data protection key ring (file or Redis "
        + "store; certificate or Azure Key Vault encryption), configured as the service is.", subcommands = { ListCommand.class,
                ShowCommand.class, CreateCommand.class, RevokeCommand.class,
                ReencryptCommand.class, ExportCommand.class, ImportCommand.class,
                InspectCommand.class }, exitCodeListHeading = "%nExit codes:%n", exitCodeList = { "0:done",
                        "1:usage error (or not confirmed)", "2:configuration error (names the property)",
                        "3:key store unreachable", "4:key not found, or payload not from this ring" })
public final class DataProtectionCli implements Runnable {

    private final InputStream in;

    @Spec
    CommandSpec spec;

    private DataProtectionCli(InputStream in) {
        this.in = in;
    }

    /** The jar's entry point. */
    public static void main(String[] args) {
        List<String> arguments = Arrays.asList(args);
        CliLogging.configure(arguments.contains("-v") || arguments.contains("--verbose"));
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        System.exit(execute(out, err, System.in, args));
    }

    /**
     * Runs one command line.
     *
     * @param in where confirmations are read from
     * @return the exit code
     */
    public static int execute(PrintWriter out, PrintWriter err, InputStream in, String... args) {
        CommandLine commandLine = new CommandLine(new DataProtectionCli(in));
        commandLine.setOut(out).setErr(err);
        commandLine.setParameterExceptionHandler(DataProtectionCli::usageError);
        commandLine.setExecutionExceptionHandler((e, failed, parseResult) -> failure(e, failed));
        try {
            return commandLine.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** Where confirmations are read from. */
    InputStream in() {
        return in;
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing command: give one of list, show, create, revoke, "
                + "reencrypt, export, import, inspect");
    }

    private static int usageError(ParameterException e, String[] args) {
        PrintWriter err = e.getCommandLine().getErr();
        err.println("error: " + e.getMessage());
        err.println("Run '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help' for the options.");
        return ExitCode.USAGE;
    }

    private static int failure(Exception e, CommandLine failed) {
        PrintWriter err = failed.getErr();
        int code = e instanceof CliException cli ? cli.exitCode()
                : e instanceof XmlRepositoryException ? ExitCode.STORE_UNREACHABLE
                        // Past the store, what fails inside a ring command is the encryption of a key.
                        : e instanceof DataProtectionException ? ExitCode.KEY_ENCRYPTION : ExitCode.USAGE;
        err.println("error: " + oneLine(e));
        if (failed.getCommand() instanceof RingCommand command && command.verbose()) {
            e.printStackTrace(err);
        }
        return code;
    }

    /**
     * The message, with the innermost cause's when it adds something (e.g. a connection refused); configuration
     * messages already say everything.
     */
    private static String oneLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        boolean complete = e instanceof CliException cli && cli.exitCode() == ExitCode.CONFIG;
        if (!complete && root != e && root.getMessage() != null && !message.contains(root.getMessage())) {
            message += " (" + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
        }
        return message.replace('\n', ' ').replace('\r', ' ');
    }

    /** The version from the jar's manifest. */
    static final class Version implements IVersionProvider {

        @Override
        public String[] getVersion() {
            String version = DataProtectionCli.class.getPackage().getImplementationVersion();
            return new String[] { "data-protection-cli " + (version == null ? "(development build)" : version) };
        }
    }
}
