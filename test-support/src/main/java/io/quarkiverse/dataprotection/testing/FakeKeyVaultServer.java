package io.quarkiverse.dataprotection.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import com.azure.core.http.HttpClient;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import reactor.core.publisher.Mono;

/**
 * A local HTTPS server implementing the Azure Key Vault REST calls this project makes, for tests with the real Azure
 * SDK clients (there is no Key Vault emulator). Certificates:
 * <ul>
 * <li>{@code GET /certificates/{name}[/]}: the current (newest) version's certificate bundle;</li>
 * <li>{@code GET /certificates/{name}/versions}: every version with its {@code attributes.enabled};</li>
 * <li>{@code GET /secrets/{name}/{version}}: the certificate's backing secret (base64 PKCS#12 without password,
 * content type {@code application/x-pkcs12}, or PEM with {@code application/x-pem-file}).</li>
 * </ul>
 * Keys (RSA, wrap and unwrap) are served by {@link #keys()}, and the Entra ID token endpoint that real azure-identity
 * credentials call by {@link #tokens()}.
 * The bearer challenge as Key Vault does it: a request without {@code Authorization: Bearer <token>} gets 401 with
 * {@code WWW-Authenticate: Bearer authorization="https://login.microsoftonline.com/<tenant>",
 * resource="https://vault.azure.net"}; {@link #credential()} hands out the token. Failures can be injected, and every
 * request is counted. TLS uses a certificate generated at start; {@link #httpClient()} trusts it.
 * <p>
 * Thread-safe. Reusable by other test modules (copy or depend on the core test jar).
 */
public final class FakeKeyVaultServer implements AutoCloseable {

    /** The secret content types Key Vault serves a certificate's secret in. */
    public static final String PKCS12 = "application/x-pkcs12";
    public static final String PEM = "application/x-pem-file";

    public static final String TENANT = "00000000-0000-4000-8000-00000000c0de";
    public static final String TOKEN = "fake-key-vault-token";
    public static final String RESOURCE = "https://vault.azure.net";

    private static final Pattern CERTIFICATE = Pattern.compile("/certificates/([^/]+)/?");
    private static final Pattern VERSIONS = Pattern.compile("/certificates/([^/]+)/versions/?");
    private static final Pattern SECRET = Pattern.compile("/secrets/([^/]+)/([^/]+)/?");

    private final HttpsServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final SSLContext clientSsl;
    private final X509Certificate tlsCertificate;
    private final Map<String, List<Version>> versions = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<Long> arrivals = new CopyOnWriteArrayList<>();
    private final List<String> authenticatedRequests = new CopyOnWriteArrayList<>();
    private final List<TokenRequestContext> tokenRequests = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedDeque<Integer> nextStatuses = new ConcurrentLinkedDeque<>();
    private volatile int alwaysStatus;
    private final Map<String, Integer> pathStatuses = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicInteger challenges = new java.util.concurrent.atomic.AtomicInteger();
    private final FakeVaultKeys keys = new FakeVaultKeys(this);
    private final FakeTokenEndpoint tokens = new FakeTokenEndpoint(this);
    private volatile String retryAfter = "0";

    static {
        // Without it every response waits for the client's delayed ACK (about 40 ms): the JDK server writes headers
        // and body apart. Read once, when the JDK's server classes initialize.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private FakeKeyVaultServer() throws Exception {
        TestCertificate tls = CertificateGenerator.tlsServer();
        tlsCertificate = tls.certificate();
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        keyStore.load(null, null);
        keyStore.setKeyEntry("tls", tls.privateKey(), new char[0],
                new X509Certificate[] { tls.certificate() });
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(keyStore, new char[0]);
        SSLContext serverSsl = SSLContext.getInstance("TLS");
        serverSsl.init(keys.getKeyManagers(), null, null);

        KeyStore trustStore = KeyStore.getInstance("PKCS12");
        trustStore.load(null, null);
        trustStore.setCertificateEntry("tls", tls.certificate());
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trustStore);
        clientSsl = SSLContext.getInstance("TLS");
        clientSsl.init(null, trust.getTrustManagers(), null);

        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(serverSsl));
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    public static FakeKeyVaultServer start() {
        try {
            return new FakeKeyVaultServer();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot start the fake Key Vault server", e);
        }
    }

    /** {@code https://127.0.0.1:<port>}. */
    public String vaultUrl() {
        return "https://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The JDK-based Azure transport, trusting this server's TLS certificate. */
    public HttpClient httpClient() {
        return new JdkHttpClientBuilder(java.net.http.HttpClient.newBuilder().sslContext(clientSsl)).build();
    }

    /**
     * Writes a PKCS#12 trust store holding this server's TLS certificate, for clients configured by file (e.g. the
     * Quarkus extension's {@code key-encryption.azure-key-vault.trust-store-path}).
     */
    public Path writeTrustStore(Path file, char[] password) {
        try {
            KeyStore trustStore = KeyStore.getInstance("PKCS12");
            trustStore.load(null, null);
            trustStore.setCertificateEntry("fake-key-vault", tlsCertificate);
            try (OutputStream out = Files.newOutputStream(file)) {
                trustStore.store(out, password);
            }
            return file;
        } catch (Exception e) {
            throw new IllegalStateException("Cannot write the fake Key Vault trust store " + file, e);
        }
    }

    public SSLContext clientSslContext() {
        return clientSsl;
    }

    /** Hands out {@link #TOKEN} and records what was asked (scopes, tenant). */
    public TokenCredential credential() {
        return request -> {
            tokenRequests.add(request);
            return Mono.just(new AccessToken(TOKEN, OffsetDateTime.now().plusHours(1)));
        };
    }

    public List<TokenRequestContext> tokenRequests() {
        return List.copyOf(tokenRequests);
    }

    /** Adds a new version of {@code name}, which becomes its current version; returns the version id. */
    public String addVersion(String name, TestCertificate certificate) {
        return addVersion(name, certificate, PKCS12);
    }

    /** A version whose key is not exportable: its secret holds the certificate only, as Key Vault then serves it. */
    public String addNonExportableVersion(String name, TestCertificate certificate) {
        return addVersion(name, certificate.publicOnly());
    }

    /** As {@link #addVersion(String, TestCertificate)} with the secret in {@code contentType}'s format. */
    public String addVersion(String name, TestCertificate certificate, String contentType) {
        String id = UUID.randomUUID().toString().replace("-", "");
        versions.computeIfAbsent(name, n -> new CopyOnWriteArrayList<>())
                .add(new Version(id, certificate, contentType, Instant.now().getEpochSecond()));
        return id;
    }

    public void setEnabled(String name, String version, boolean enabled) {
        versions.get(name).stream().filter(v -> v.id.equals(version)).findFirst().orElseThrow().enabled = enabled;
    }

    /** The keys of this vault (key wrap) and their wrap and unwrap calls. */
    public FakeVaultKeys keys() {
        return keys;
    }

    /**
     * The Entra ID token endpoint this server also plays; point a real azure-identity credential at it with
     * {@code authorityHost(vaultUrl())}.
     */
    public FakeTokenEndpoint tokens() {
        return tokens;
    }

    /** The {@code Retry-After} header value of injected 429 responses; default {@code 0}. */
    public void retryAfter(String value) {
        this.retryAfter = Objects.requireNonNull(value);
    }

    /** The next authenticated requests get these statuses, one each, before normal service resumes. */
    public void failNext(int... statuses) {
        for (int status : statuses) {
            nextStatuses.add(status);
        }
    }

    /** Authenticated requests for {@code path} get {@code status} until {@link #clearPathFailures()}. */
    public void failPath(String path, int status) {
        pathStatuses.put(path, status);
    }

    public void clearPathFailures() {
        pathStatuses.clear();
    }

    /** Every request (authenticated or not) gets {@code status}; 0 restores normal service. */
    public void failAlways(int status) {
        this.alwaysStatus = status;
    }

    /** Every request as {@code "GET /path"}, in order, challenges included. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    /** When each request of {@link #requests()} arrived ({@link System#nanoTime()}), in the same order. */
    public List<Long> requestArrivalNanos() {
        return List.copyOf(arrivals);
    }

    /** How many requests without a valid token were answered with the bearer challenge. */
    public int challengesIssued() {
        return challenges.get();
    }

    /** How many requests were made for this path, e.g. {@code /secrets/name/version}. */
    public long requestCount(String path) {
        return requests.stream().filter(r -> r.equals("GET " + path)).count();
    }

    /** How many requests with a valid token were made for this path (bearer challenges not counted). */
    public long authenticatedRequestCount(String path) {
        return authenticatedRequests.stream().filter(r -> r.equals("GET " + path)).count();
    }

    /** Authenticated reads of a version's secret, i.e. fetches of its private key. */
    public long secretFetches(String name, String version) {
        return authenticatedRequestCount("/secrets/" + name + "/" + version);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange http) throws IOException {
        try (http) {
            Exchange exchange = new Exchange(http);
            String path = exchange.path();
            arrivals.add(System.nanoTime());
            requests.add(exchange.method() + " " + path);
            if (tokens.route(exchange)) {
                return;
            }
            if (alwaysStatus != 0) {
                if (alwaysStatus == 401) {
                    challenge(http);
                }
                respond(http, alwaysStatus, error("Injected", "injected failure " + alwaysStatus));
                return;
            }
            String authorization = http.getRequestHeaders().getFirst("Authorization");
            if (!("Bearer " + TOKEN).equals(authorization)) {
                challenge(http);
                challenges.incrementAndGet();
                respond(http, 401, error("Unauthorized", "AKV10000: Request is missing a Bearer or PoP token."));
                return;
            }
            authenticatedRequests.add(exchange.method() + " " + path);
            Integer injected = pathStatuses.containsKey(path) ? pathStatuses.get(path) : nextStatuses.poll();
            if (injected != null) {
                if (injected == 429) {
                    http.getResponseHeaders().add("Retry-After", retryAfter);
                }
                respond(http, injected, error("Injected", "injected failure " + injected));
                return;
            }
            if (http.getRequestURI().getQuery() == null || !http.getRequestURI().getQuery().contains("api-version=")) {
                respond(http, 400, error("BadParameter", "api-version is required"));
                return;
            }
            if (!keys.route(exchange)) {
                route(http, path);
            }
        }
    }

    private void route(HttpExchange exchange, String path) throws IOException {
        Matcher m;
        if (!exchange.getRequestMethod().equals("GET")) {
            respond(exchange, 405, error("MethodNotAllowed", "No route for " + exchange.getRequestMethod() + " " + path));
        } else if ((m = VERSIONS.matcher(path)).matches()) {
            String name = m.group(1);
            List<Version> all = versionsOf(exchange, name);
            if (all != null) {
                respond(exchange, 200, "{\"value\":[" + all.stream().map(v -> certificateItem(name, v))
                        .collect(Collectors.joining(",")) + "],\"nextLink\":null}");
            }
        } else if ((m = CERTIFICATE.matcher(path)).matches()) {
            List<Version> all = versionsOf(exchange, m.group(1));
            if (all != null) {
                respond(exchange, 200, certificateBundle(m.group(1), all.get(all.size() - 1)));
            }
        } else if ((m = SECRET.matcher(path)).matches()) {
            List<Version> all = versionsOf(exchange, m.group(1));
            String id = m.group(2);
            Version version = all == null ? null : all.stream().filter(v -> v.id.equals(id)).findFirst().orElse(null);
            if (all == null) {
                return;
            } else if (version == null) {
                respond(exchange, 404, error("SecretNotFound", "A secret with (name/id) " + m.group(1) + "/" + id
                        + " was not found in this key vault."));
            } else if (!version.enabled) {
                respond(exchange, 403, error("Forbidden", "Operation get is not allowed on a disabled secret."));
            } else {
                respond(exchange, 200, secretBundle(m.group(1), version));
            }
        } else {
            respond(exchange, 404, error("NotFound", "No route for " + path));
        }
    }

    private List<Version> versionsOf(HttpExchange exchange, String name) throws IOException {
        List<Version> all = versions.get(name);
        if (all == null || all.isEmpty()) {
            respond(exchange, 404, error("CertificateNotFound", "A certificate with (name/id) " + name
                    + " was not found in this key vault."));
            return null;
        }
        return all;
    }

    private static void challenge(HttpExchange exchange) {
        exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer authorization=\"https://login.microsoftonline.com/"
                + TENANT + "\", resource=\"" + RESOURCE + "\"");
    }

    private String certificateItem(String name, Version v) {
        return "{\"id\":\"" + vaultUrl() + "/certificates/" + name + "/" + v.id + "\",\"x5t\":\"" + x5t(v)
                + "\",\"attributes\":" + attributes(v) + "}";
    }

    private String certificateBundle(String name, Version v) {
        String base = vaultUrl();
        return "{\"id\":\"" + base + "/certificates/" + name + "/" + v.id + "\",\"kid\":\"" + base + "/keys/" + name + "/"
                + v.id + "\",\"sid\":\"" + base + "/secrets/" + name + "/" + v.id + "\",\"x5t\":\"" + x5t(v)
                + "\",\"cer\":\"" + Base64.getEncoder().encodeToString(der(v)) + "\",\"attributes\":" + attributes(v)
                + ",\"policy\":{\"id\":\"" + base + "/certificates/" + name + "/policy\",\"key_props\":{\"exportable\":"
                + "true,\"kty\":\"RSA\",\"key_size\":2048,\"reuse_key\":false},\"secret_props\":{\"contentType\":\""
                + v.contentType + "\"},\"x509_props\":{\"subject\":\"" + v.certificate.subject()
                + "\",\"validity_months\":12},\"issuer\":{\"name\":\"Self\"},\"attributes\":{\"enabled\":true}}}";
    }

    private String secretBundle(String name, Version v) {
        String value = PEM.equals(v.contentType)
                ? (v.certificate.privateKeyPem() + v.certificate.certificatePem())
                        .replace("\r", "").replace("\n", "\\n")
                : Base64.getEncoder().encodeToString(v.certificate.hasPrivateKey()
                        ? v.certificate.pkcs12(new char[0])
                        : v.certificate.publicOnly().pkcs12(new char[0]));
        String base = vaultUrl();
        return "{\"value\":\"" + value + "\",\"contentType\":\"" + v.contentType + "\",\"id\":\"" + base + "/secrets/"
                + name + "/" + v.id + "\",\"kid\":\"" + base + "/keys/" + name + "/" + v.id + "\",\"managed\":true,"
                + "\"attributes\":" + attributes(v) + "}";
    }

    private static String attributes(Version v) {
        return "{\"enabled\":" + v.enabled + ",\"nbf\":" + v.certificate.certificate().getNotBefore().toInstant()
                .getEpochSecond() + ",\"exp\":" + v.certificate.notAfter().getEpochSecond() + ",\"created\":"
                + v.created + ",\"updated\":" + v.created + ",\"recoveryLevel\":\"Recoverable+Purgeable\"}";
    }

    private static String x5t(Version v) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(java.util.HexFormat.of().parseHex(v.certificate.thumbprint()));
    }

    private static byte[] der(Version v) {
        try {
            return v.certificate.certificate().getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String error(String code, String message) {
        return "{\"error\":{\"code\":\"" + code + "\",\"message\":\"" + message + "\"}}";
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
        exchange.getResponseHeaders().add("x-ms-keyvault-service-version", "1.9.0.0");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** One request as the routes see it: method, path, body (read once). */
    static final class Exchange {
        private final HttpExchange http;
        private String body;

        Exchange(HttpExchange http) {
            this.http = http;
        }

        String method() {
            return http.getRequestMethod();
        }

        String path() {
            return http.getRequestURI().getPath();
        }

        String body() throws IOException {
            if (body == null) {
                body = new String(http.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            }
            return body;
        }

        void respond(int status, String json) throws IOException {
            FakeKeyVaultServer.respond(http, status, json);
        }
    }

    private static final class Version {
        final String id;
        final TestCertificate certificate;
        final String contentType;
        final long created;
        volatile boolean enabled = true;

        Version(String id, TestCertificate certificate, String contentType, long created) {
            this.id = id;
            this.certificate = Objects.requireNonNull(certificate);
            this.contentType = contentType;
            this.created = created;
        }
    }
}
