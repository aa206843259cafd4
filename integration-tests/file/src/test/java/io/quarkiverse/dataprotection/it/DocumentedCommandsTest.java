package io.quarkiverse.dataprotection.it;

import static io.restassured.RestAssured.given;
import static io.restassured.RestAssured.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkiverse.dataprotection.DataProtectionProvider;
import io.quarkiverse.dataprotection.it.DocumentedPages.Block;
import io.quarkiverse.dataprotection.store.FileSystemXmlRepository;
import io.quarkiverse.dataprotection.xmlencryption.CertificateFiles;
import io.quarkiverse.dataprotection.xmlencryption.CertificateWithKey;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;

/**
 * The operators' pages do what they say: their shell blocks run against the example service (the address, the key
 * directory and the source ring of the pages replaced by this test's), their probe paths answer, the PEM pair their
 * OpenSSL command writes is one this library reads, every property and environment variable they name is in the
 * configuration reference, and every message quoted in the troubleshooting tables is one the sources can write.
 */
@QuarkusTest
@QuarkusTestResource(value = FileStoreTestResource.class, restrictToAnnotatedClass = true)
class DocumentedCommandsTest {

    static final List<String> PAGES = List.of("kubernetes.adoc", "troubleshooting.adoc", "aspnetcore.adoc");
    /** The example service's application name, so that a ring written beside it unprotects there. */
    static final String APPLICATION_NAME = "data-protection-example";
    static final Pattern UUID_LINE = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    @TempDir
    Path work;

    @Test
    void kubernetesCommands_reportReadiness_andWriteAPemPairThisLibraryReads() throws Exception {
        String output = run("kubernetes.adoc", Map.of());

        assertThat(output).contains("\"data-protection\"").contains("\"UP\"");
        CertificateWithKey certificate = CertificateFiles.fromPem(Files.readString(work.resolve("tls.crt")),
                Files.readString(work.resolve("tls.key")), "the documented PEM pair");
        assertThat(certificate.subject()).contains("CN=orders data protection");
        assertThat(certificate.hasPrivateKey()).isTrue();
        String properties = DocumentedPages.block("kubernetes.adoc", "pem-certificate-properties").text();
        assertThat(properties).contains("/run/secrets/data-protection/tls.crt", "/run/secrets/data-protection/tls.key");
    }

    @Test
    void kubernetesProbePaths_answerUp() {
        List<String> paths = new ArrayList<>();
        for (Block yaml : DocumentedPages.blocks("kubernetes.adoc", "yaml")) {
            Pattern.compile("path: (/q/health/\\S+)").matcher(yaml.text()).results().forEach(m -> paths.add(m.group(1)));
        }
        assertThat(paths).contains("/q/health/ready", "/q/health/live");
        paths.forEach(path -> when().get(path).then().statusCode(200).body("status", equalTo("UP")));
    }

    @Test
    void troubleshootingCommands_printThePayloadsKeyId_andFindItsKeyFile() throws Exception {
        String output = run("troubleshooting.adoc", Map.of());

        assertThat(output).contains("\"data-protection\"").doesNotContain("not a data protection payload");
        List<String> ids = output.lines().filter(line -> UUID_LINE.matcher(line).matches()).toList();
        assertThat(ids).hasSize(1);
        List<String> ring = when().get("/keys").then().statusCode(200).extract().jsonPath().getList("id");
        assertThat(ring).contains(ids.get(0));
        assertThat(output).contains("key-" + ids.get(0) + ".xml");
    }

    @Test
    void aspnetcoreCopyCommand_movesARing_whosePayloadsThenUnprotectInTheService() throws Exception {
        Path otherRing = Files.createDirectory(work.resolve("other-ring"));
        String payload;
        try (DataProtectionProvider other = DataProtectionProvider.builder().applicationName(APPLICATION_NAME)
                .repository(new FileSystemXmlRepository(otherRing)).build()) {
            payload = other.createProtector("orders").protect("written before the move");
        }

        run("aspnetcore.adoc", Map.of("/srv/aspnet/keys", otherRing.toString()));

        given().contentType(ContentType.TEXT).body(payload).post("/unprotect/orders")
                .then().statusCode(200).body(equalTo("written before the move"));
    }

    @Test
    void documentedPropertiesAndVariables_areInTheConfigurationReference() {
        Set<String> reference = DocumentedPages.referenceNames();
        List<Pattern> properties = reference.stream().filter(n -> n.startsWith("quarkus."))
                .map(n -> Pattern.compile(Pattern.quote(n).replaceAll("\"[^\"]+\"", "\\\\E[^.]+\\\\Q"))).toList();
        for (String page : PAGES) {
            for (String property : DocumentedPages.properties(page)) {
                String name = property.replaceAll("\\.?\\*$", "").replaceAll("\\.+$", "");
                assertThat(properties.stream().anyMatch(p -> p.matcher(name).matches())
                        || reference.stream().anyMatch(r -> r.startsWith(name + ".")))
                        .as("%s names %s, which the configuration reference does not have", page, property).isTrue();
            }
            assertThat(DocumentedPages.environmentVariables(page)).as(page).isSubsetOf(reference);
        }
    }

    @Test
    void troubleshootingMessages_canBeWrittenByTheSources() {
        Set<String> literals = DocumentedPages.sourceLiterals();
        List<String> quotes = DocumentedPages.firstColumnQuotes("troubleshooting.adoc");
        assertThat(quotes).hasSizeGreaterThan(30);
        List<String> unknown = new ArrayList<>();
        for (String quote : quotes) {
            for (String fragment : quote.split("\\.\\.\\.")) {
                if (fragment.strip().length() >= 3 && !DocumentedPages.writable(fragment, literals)) {
                    unknown.add(fragment + "   (in: " + quote + ")");
                }
            }
        }
        assertThat(unknown).as("fragments no source literal can write").isEmpty();
    }

    @Test
    void messageCheck_refusesTextTheSourcesCannotWrite() {
        Set<String> literals = DocumentedPages.sourceLiterals();
        assertThat(DocumentedPages.writable(" was not found in the key ring", literals)).isTrue();
        assertThat(DocumentedPages.writable("' could not be read: ", literals)).isTrue();
        assertThat(DocumentedPages.writable(" was not found in the keyring", literals)).isFalse();
        assertThat(DocumentedPages.writable("The key ring was eaten by a grue", literals)).isFalse();
    }

    /** Runs the page's shell blocks as one script in {@link #work}, failing on the first failed command. */
    private String run(String page, Map<String, String> replacements) throws IOException, InterruptedException {
        String script = DocumentedPages.blocks(page, "bash").stream().map(Block::text)
                .collect(Collectors.joining("\n"))
                .replace("localhost:8080", "localhost:" + RestAssured.port)
                .replace("/var/lib/orders/keys", System.getProperty(FileStoreTestResource.DIRECTORY_PROPERTY));
        for (Map.Entry<String, String> replacement : replacements.entrySet()) {
            script = script.replace(replacement.getKey(), replacement.getValue());
        }
        Path out = work.resolve(page + ".out");
        Path err = work.resolve(page + ".err");
        Process bash = new ProcessBuilder("bash", "-c", "set -euo pipefail\n" + script).directory(work.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!bash.waitFor(2, TimeUnit.MINUTES)) {
            bash.destroyForcibly();
            throw new AssertionError("The commands of " + page + " did not finish:\n" + script);
        }
        String output = Files.readString(out);
        assertThat(bash.exitValue()).as("exit code of the commands of %s:%n%s%nstdout:%n%s%nstderr:%n%s", page, script,
                output, Files.readString(err)).isZero();
        return output;
    }
}
