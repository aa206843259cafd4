package io.quarkiverse.dataprotection.benchmarks;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;

/**
 * Runs the benchmarks in one JVM session (JMH command-line arguments are passed through, e.g.
 * {@code -bm sample -f 1 -wi 3 -w 1s -i 5 -r 1s -prof gc}) and prints the overhead of a protect call over its raw
 * parts, for the encryptor-level protect (EncryptorBenchmark) and the real DataProtector.protect:
 *
 * <pre>
 * CBC: ratio = protect / (kdfCbc + aesCbc + hmacSha256)
 * GCM: ratio = protect / (kdfGcm + aesGcm)
 * </pre>
 *
 * Without an include pattern it runs every benchmark on the class path. With {@code -bm sample} the ratios are
 * computed from the median and from the 10th percentile of the single-call samples: on a shared machine a call
 * that another process preempted lands in the upper tail, so low percentiles compare the code, not the neighbours.
 * In other modes every column is the mean.
 */
public final class RatioReport {

    private static final int MEAN = 0;
    private static final int P50 = 1;
    private static final int P10 = 2;
    private static final int ALLOC = 3;
    private static final String[] SIZES = { "32", "1024", "16384" };

    private RatioReport() {
    }

    public static void main(String[] args) throws Exception {
        CommandLineOptions options = new CommandLineOptions(args);
        if (options.shouldHelp()) {
            options.showHelp();
            return;
        }
        Collection<RunResult> results = new Runner(options).run();
        Map<String, double[]> scores = new TreeMap<>();
        for (RunResult run : results) {
            scores.put(key(run), scoresOf(run));
        }
        System.out.println(format(scores));
    }

    private static String key(RunResult run) {
        String name = run.getParams().getBenchmark();
        return name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1)
                + paramSuffix(run, "algorithm") + paramSuffix(run, "size")
                + ("zeros".equals(run.getParams().getParam("random")) ? ":zeros" : "");
    }

    private static double[] scoresOf(RunResult run) {
        Result<?> primary = run.getPrimaryResult();
        Result<?> alloc = run.getSecondaryResults().get("gc.alloc.rate.norm");
        boolean sampled = run.getParams().getMode() == Mode.SampleTime;
        double mean = primary.getScore();
        return new double[] { mean,
                sampled ? primary.getStatistics().getPercentile(50) : mean,
                sampled ? primary.getStatistics().getPercentile(10) : mean,
                alloc == null ? Double.NaN : alloc.getScore() };
    }

    static String format(Map<String, double[]> scores) {
        StringBuilder out = new StringBuilder("\n| benchmark | mean ns/op | p50 ns/op | p10 ns/op | B/op |\n"
                + "|---|---:|---:|---:|---:|\n");
        scores.forEach((name, s) -> out.append(String.format(Locale.ROOT, "| %s | %.0f | %.0f | %.0f | %.0f |%n",
                name, s[MEAN], s[P50], s[P10], s[ALLOC])));
        ratioTable(out, scores, P50, "p50");
        ratioTable(out, scores, P10, "p10");
        return out.toString();
    }

    private static void ratioTable(StringBuilder out, Map<String, double[]> scores, int column, String label) {
        out.append("\nRatios from ").append(label).append(" (ns/op):\n\n")
                .append("| size | kdf+aes+hmac | CBC encryptor | ratio | CBC DataProtector | ratio | own-KDF ratio |")
                .append(" kdf+gcm | GCM encryptor | ratio | GCM DataProtector | ratio |\n")
                .append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (String size : SIZES) {
            double aesHmac = score(scores, "JcaBenchmark.aesCbc:" + size, column)
                    + score(scores, "JcaBenchmark.hmacSha256:" + size, column);
            double cbcParts = score(scores, "KdfBenchmark.kdfCbc", column) + aesHmac;
            double ownKdfParts = score(scores, "PrehashedKdfBenchmark.kdfCbcPrehashed", column) + aesHmac;
            double gcmParts = score(scores, "KdfBenchmark.kdfGcm", column)
                    + score(scores, "JcaBenchmark.aesGcm:" + size, column);
            out.append("| ").append(size);
            appendRatios(out, scores, column, cbcParts, "AES_256_CBC:" + size);
            out.append(String.format(Locale.ROOT, " | %.3f",
                    score(scores, "DataProtectorBenchmark.protect:AES_256_CBC:" + size, column) / ownKdfParts));
            appendRatios(out, scores, column, gcmParts, "AES_256_GCM:" + size);
            out.append(" |\n");
        }
    }

    private static void appendRatios(StringBuilder out, Map<String, double[]> scores, int column, double parts,
            String params) {
        double encryptor = score(scores, "EncryptorBenchmark.protect:" + params, column);
        double protector = score(scores, "DataProtectorBenchmark.protect:" + params, column);
        out.append(String.format(Locale.ROOT, " | %.0f | %.0f | %.3f | %.0f | %.3f", parts, encryptor,
                encryptor / parts, protector, protector / parts));
    }

    private static double score(Map<String, double[]> scores, String key, int column) {
        double[] s = scores.get(key);
        return s == null ? Double.NaN : s[column];
    }

    private static String paramSuffix(RunResult run, String param) {
        String value = run.getParams().getParam(param);
        return value == null ? "" : ":" + value;
    }
}
