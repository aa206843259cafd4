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
 * {@code -f 1 -wi 3 -w 1s -i 5 -r 1s -prof gc}) and prints the overhead of a protect call over its raw parts:
 * <pre>
 * CBC: ratio = protect / (kdfCbc + aesCbc + hmacSha256)
 * GCM: ratio = protect / (kdfGcm + aesGcm)
 * </pre>
 * Without an include pattern it runs every benchmark of this package. With {@code -bm sample} the ratios use the
 * median of the single-call samples, which is robust against other processes on a shared machine.
 */
public final class RatioReport {

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
            String name = run.getParams().getBenchmark();
            String key = name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1)
                    + paramSuffix(run, "algorithm") + paramSuffix(run, "size");
            Result<?> alloc = run.getSecondaryResults().get("gc.alloc.rate.norm");
            Result<?> primary = run.getPrimaryResult();
            // In sample mode the median of the single-call samples shrugs off the calls that another process
            // preempted; the mean does not. On a shared 2-core machine that is the difference between a ratio and noise.
            double median = run.getParams().getMode() == Mode.SampleTime
                    ? primary.getStatistics().getPercentile(50) : primary.getScore();
            scores.put(key, new double[] { primary.getScore(), median, alloc == null ? Double.NaN : alloc.getScore() });
        }
        System.out.println(format(scores));
    }

    static String format(Map<String, double[]> scores) {
        StringBuilder out = new StringBuilder("\n| benchmark | mean ns/op | median ns/op | B/op |\n|---|---:|---:|---:|\n");
        scores.forEach((name, s) -> out.append(String.format(Locale.ROOT, "| %s | %.0f | %.0f | %.0f |%n", name, s[0],
                s[1], s[2])));
        out.append("\nRatios from the medians (equal to the means in average-time mode):\n");
        out.append("\n| size | CBC protect | kdf+aes+hmac | CBC ratio | GCM protect | kdf+gcm | GCM ratio |\n");
        out.append("|---:|---:|---:|---:|---:|---:|---:|\n");
        for (String size : new String[] { "32", "1024", "16384" }) {
            double cbc = score(scores, "EncryptorBenchmark.protect:AES_256_CBC:" + size);
            double cbcParts = score(scores, "KdfBenchmark.kdfCbc") + score(scores, "JcaBenchmark.aesCbc:" + size)
                    + score(scores, "JcaBenchmark.hmacSha256:" + size);
            double gcm = score(scores, "EncryptorBenchmark.protect:AES_256_GCM:" + size);
            double gcmParts = score(scores, "KdfBenchmark.kdfGcm") + score(scores, "JcaBenchmark.aesGcm:" + size);
            out.append(String.format(Locale.ROOT, "| %s | %.0f | %.0f | %.3f | %.0f | %.0f | %.3f |%n", size, cbc,
                    cbcParts, cbc / cbcParts, gcm, gcmParts, gcm / gcmParts));
        }
        return out.toString();
    }

    private static double score(Map<String, double[]> scores, String key) {
        double[] s = scores.get(key);
        return s == null ? Double.NaN : s[1];
    }

    private static String paramSuffix(RunResult run, String param) {
        String value = run.getParams().getParam(param);
        return value == null ? "" : ":" + value;
    }
}
