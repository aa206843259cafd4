package io.quarkiverse.dataprotection.cli;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

/** Runs the command line in-process through picocli, with captured output and a given standard input. */
final class Cli {

    /**
     * @param code the exit code
     * @param out standard output
     * @param err standard error
     */
    record Result(int code, String out, String err) {

        @Override
        public String toString() {
            return "exit " + code + "\n--- out ---\n" + out + "--- err ---\n" + err;
        }
    }

    private Cli() {
    }

    /** Runs with standard input closed, as in CI. */
    static Result run(String... args) {
        return runWithInput("", args);
    }

    static Result runWithInput(String input, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        InputStream in = new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8));
        int code = DataProtectionCli.execute(new PrintWriter(out), new PrintWriter(err), in, args);
        return new Result(code, out.toString(), err.toString());
    }

    /** {@code args} followed by {@code ring}, the options that say where the ring is. */
    static String[] with(String[] ring, String... args) {
        String[] all = new String[args.length + ring.length];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(ring, 0, all, args.length, ring.length);
        return all;
    }
}
