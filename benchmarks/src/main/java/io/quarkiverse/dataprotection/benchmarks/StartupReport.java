package io.quarkiverse.dataprotection.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Start-up of the example service: a bare Quarkus app (REST, Jackson, health), the same app with data protection on
 * the file store, and on Redis (a local {@code redis-server} on loopback), once with the default pool and once
 * ({@code redis-24}) with Redisson's own pool sizes (24 idle, 64 at most). Each round starts each app once, in
 * alternating order, as a fresh {@code java -jar .../quarkus-run.jar}; it records Quarkus' own "started in" figure,
 * the time from launch until {@code /q/health/ready} answers 200, and the JVM's thread count at that moment; then it
 * stops the app. Medians per app and the differences to the bare app are printed at the end.
 * <p>
 * Arguments: {@code [rounds] [baseline]} (default 15 rounds); {@code baseline} is the root of another checkout whose
 * apps are built too: its file and Redis apps run in the same rounds as {@code file-baseline} and
 * {@code redis-baseline}. The apps are built with
 * {@code mvn -B -q -Pstartup-benchmark -pl benchmarks/startup/bare,benchmarks/startup/file,benchmarks/startup/redis
 * -am package -DskipTests}; run from the repository root (see benchmarks/README.md).
 */
public final class StartupReport {

    private static final Pattern STARTED = Pattern.compile("started in ([0-9.]+)s");
    private static final Pattern LISTENING = Pattern.compile("Listening on: http://[^:]+:([0-9]+)");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private StartupReport() {
    }

    record Run(double startedInMs, double readyMs, double cpuMs, int threads, long redisConnections) {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        Map<String, Path> apps = new LinkedHashMap<>();
        for (String app : List.of("bare", "file", "redis", "redis-24")) {
            apps.put(app, jar(Path.of("benchmarks/startup"), app));
        }
        if (args.length > 1) {
            // Another build of the apps (say, main's), started in the same rounds: an A/B within one run, which the
            // spread between runs (medians drift by 100 ms) would otherwise hide. Its bare app is the same code as
            // this one's: the difference between the two is the noise of the measurement itself.
            Path baseline = Path.of(args[1], "benchmarks/startup");
            for (String app : List.of("bare", "file", "redis")) {
                apps.put(app + "-baseline", jar(baseline, app));
            }
        }
        Map<String, List<Run>> runs = new LinkedHashMap<>();
        apps.keySet().forEach(app -> runs.put(app, new ArrayList<>()));
        Path keys = Files.createTempDirectory("startup-keys");
        try (LocalRedis redis = LocalRedis.start()) {
            for (int round = 0; round < rounds; round++) {
                List<String> order = new ArrayList<>(apps.keySet());
                // Alternate the order so that neither app always runs right after another's page-cache warm-up.
                if (round % 2 == 1) {
                    java.util.Collections.reverse(order);
                }
                for (String app : order) {
                    Run run = start(apps.get(app), options(app, redis, keys), redis);
                    runs.get(app).add(run);
                    System.out.printf("round %2d %-8s started in %6.0f ms, ready after %6.0f ms, CPU %6.0f ms, "
                            + "%3d threads, %d Redis connections%n", round + 1, app, run.startedInMs(), run.readyMs(),
                            run.cpuMs(), run.threads(), run.redisConnections());
                }
            }
        }
        deleteTree(keys);
        report(runs);
    }

    private static Path jar(Path startupDir, String app) {
        Path jar = startupDir.resolve(app.replace("-24", "")).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("Missing " + jar + ": build the apps first (benchmarks/README.md)");
        }
        return jar;
    }

    private static void deleteTree(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private static List<String> options(String app, LocalRedis redis, Path keys) {
        List<String> options = new ArrayList<>(List.of("-Dquarkus.http.port=0"));
        if (app.startsWith("file")) {
            options.add("-Dquarkus.data-protection.file.directory=" + keys);
        }
        if (app.startsWith("redis")) {
            options.add("-Dquarkus.data-protection.redis.hosts=" + redis.uri());
        }
        if (app.equals("redis-24")) {
            // Redisson's own pool sizes, for comparison with the key-ring-sized defaults.
            options.add("-Dquarkus.data-protection.redis.pool.min-idle=24");
            options.add("-Dquarkus.data-protection.redis.pool.max-size=64");
        }
        return options;
    }

    private static Run start(Path jar, List<String> options, LocalRedis redis) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(options);
        command.add("-jar");
        command.add(jar.toString());
        long launched = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8));
            Double startedIn = null;
            Integer port = null;
            String line;
            while (startedIn == null && (line = out.readLine()) != null) {
                Matcher listening = LISTENING.matcher(line);
                if (listening.find()) {
                    port = Integer.parseInt(listening.group(1));
                }
                Matcher started = STARTED.matcher(line);
                if (started.find()) {
                    startedIn = Double.parseDouble(started.group(1)) * 1000;
                }
            }
            if (startedIn == null || port == null) {
                throw new IllegalStateException(jar + " did not report its start and port");
            }
            drain(out);
            awaitReady(port);
            double readyMs = (System.nanoTime() - launched) / 1e6;
            long connections = redis.clientList().lines()
                    .filter(client -> client.contains(" name=data-protection ")).count();
            return new Run(startedIn, readyMs, cpuMillis(process.pid()), threads(process.pid()), connections);
        } finally {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    private static void awaitReady(int port) throws Exception {
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                .timeout(Duration.ofSeconds(5)).build();
        for (int i = 0; i < 2000; i++) {
            if (HTTP.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                return;
            }
            Thread.sleep(5);
        }
        throw new IllegalStateException("not ready after 10 s on port " + port);
    }

    /**
     * User plus system CPU time the JVM used until ready ({@code /proc/<pid>/stat}, in clock ticks of 10 ms): less
     * sensitive than wall time to other processes competing for the cores.
     */
    private static double cpuMillis(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // fields[0] is field 3 (state); utime and stime are fields 14 and 15.
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10.0;
    }

    private static int threads(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("Threads:")) {
                return Integer.parseInt(line.substring("Threads:".length()).trim());
            }
        }
        return -1;
    }

    /** A throwaway redis-server on a free loopback port, without persistence. */
    private record LocalRedis(Process process, int port, Path directory) implements AutoCloseable {

        static LocalRedis start() throws Exception {
            int port;
            try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                port = socket.getLocalPort();
            }
            Path dir = Files.createTempDirectory("startup-redis");
            Process process = new ProcessBuilder("redis-server", "--bind", "127.0.0.1", "--port", Integer.toString(port),
                    "--save", "", "--appendonly", "no", "--dir", dir.toString())
                    .redirectOutput(dir.resolve("redis.log").toFile()).redirectErrorStream(true).start();
            LocalRedis redis = new LocalRedis(process, port, dir);
            for (int i = 0; i < 500 && !redis.cli("PING").startsWith("PONG"); i++) {
                Thread.sleep(10);
            }
            return redis;
        }

        String uri() {
            return "redis://127.0.0.1:" + port;
        }

        String clientList() throws Exception {
            return cli("CLIENT", "LIST");
        }

        private String cli(String... command) throws Exception {
            List<String> line = new ArrayList<>(List.of("redis-cli", "-p", Integer.toString(port)));
            line.addAll(List.of(command));
            Process cli = new ProcessBuilder(line).redirectErrorStream(true).start();
            String out = new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            cli.waitFor();
            return out;
        }

        @Override
        public void close() throws Exception {
            process.destroy();
            process.waitFor(10, TimeUnit.SECONDS);
            deleteTree(directory);
        }
    }

    /** Keeps reading the app's output so that it never blocks on a full pipe. */
    private static void drain(BufferedReader out) {
        Thread drainer = new Thread(() -> {
            try {
                while (out.readLine() != null) {
                    // discard
                }
            } catch (IOException e) {
                // the process ended
            }
        }, "drain");
        drainer.setDaemon(true);
        drainer.start();
    }

    private static void report(Map<String, List<Run>> runs) {
        List<Run> bare = runs.get("bare");
        double bareStarted = median(bare, Run::startedInMs);
        double bareReady = median(bare, Run::readyMs);
        double bareCpu = median(bare, Run::cpuMs);
        System.out.println();
        System.out.println("| app | runs | started in (median) | vs bare | ratio | per round vs bare: median (quartiles) "
                + "| ready after launch (median) | vs bare | CPU until ready (median) | vs bare | threads "
                + "| Redis connections |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        runs.forEach((app, list) -> {
            double started = median(list, Run::startedInMs);
            double ready = median(list, Run::readyMs);
            double cpu = median(list, Run::cpuMs);
            // Each round starts every app back to back, so the difference within a round leaves out the drift
            // between rounds that the difference of the medians keeps.
            double[] paired = new double[list.size()];
            for (int i = 0; i < paired.length; i++) {
                paired[i] = list.get(i).startedInMs() - bare.get(i).startedInMs();
            }
            java.util.Arrays.sort(paired);
            System.out.printf(
                    "| %s | %d | %.0f ms | %+.0f ms | %.2f | %+.0f ms (%+.0f to %+.0f) | %.0f ms | %+.0f ms | %.0f ms "
                            + "| %+.0f ms | %.0f | %.0f |%n",
                    app, list.size(), started, started - bareStarted, started / bareStarted, quantile(paired, 0.5),
                    quantile(paired, 0.25), quantile(paired, 0.75), ready, ready - bareReady, cpu, cpu - bareCpu,
                    median(list, run -> run.threads()), median(list, run -> run.redisConnections()));
        });
    }

    /** The {@code q} quantile of sorted {@code values}, interpolated between the two nearest ranks. */
    private static double quantile(double[] values, double q) {
        double rank = q * (values.length - 1);
        int below = (int) Math.floor(rank);
        int above = Math.min(below + 1, values.length - 1);
        return values[below] + (rank - below) * (values[above] - values[below]);
    }

    private static double median(List<Run> runs, java.util.function.ToDoubleFunction<Run> value) {
        return quantile(runs.stream().mapToDouble(value).sorted().toArray(), 0.5);
    }
}
