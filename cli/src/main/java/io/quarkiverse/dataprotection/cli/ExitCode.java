package io.quarkiverse.dataprotection.cli;

/** The process exit codes of the command line; part of its documented contract (scripts branch on them). */
public final class ExitCode {

    /** The command did what was asked. */
    public static final int OK = 0;
    /** The command line was wrong (unknown option, bad date, missing confirmation, unreadable input file). */
    public static final int USAGE = 1;
    /** The configuration is invalid or incomplete; the message names the property and the fix. */
    public static final int CONFIG = 2;
    /** The key store cannot be reached or read. */
    public static final int STORE_UNREACHABLE = 3;
    /** The key is not in the ring, or the payload is not from this ring (or does not unprotect). */
    public static final int NOT_FOUND = 4;
    /**
     * The key encryption failed while the command needed it (wrapping a new key, re-encrypting): the certificate or
     * Azure Key Vault key cannot be used now, e.g. a refused credential or a vault that does not answer.
     */
    public static final int KEY_ENCRYPTION = 5;

    private ExitCode() {
    }
}
