package io.quarkiverse.dataprotection;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;

/**
 * The tiers of core (STYLE.md): API and SPI ({@code io.quarkiverse.dataprotection}, {@code .keys}, {@code .spi}) know
 * nothing of the implementation or the backends; the implementation ({@code .internal.*}) knows nothing of the
 * backends ({@code .store}, {@code .xmlencryption}); within it, {@code crypto} &lt; {@code xml} &lt; {@code keyring}
 * &lt; {@code protector}, and no lower package calls a higher one; core imports no Quarkus, Redisson, Reactor or
 * Azure type. Checked on core's compiled classes, so a Javadoc link never counts.
 */
class ArchitectureTest {

    /** Core's own classes (surefire runs in the module directory), not the other jars of the test class path. */
    static final JavaClasses CORE = new ClassFileImporter().importPath(Path.of("target", "classes"));

    private static final String API = "io.quarkiverse.dataprotection";
    private static final String KEYS = "io.quarkiverse.dataprotection.keys";
    private static final String SPI = "io.quarkiverse.dataprotection.spi";
    private static final String INTERNAL = "io.quarkiverse.dataprotection.internal..";
    private static final String BACKENDS_STORE = "io.quarkiverse.dataprotection.store..";
    private static final String BACKENDS_XMLENCRYPTION = "io.quarkiverse.dataprotection.xmlencryption..";

    @Test
    void apiAndSpi_dependOnNeitherTheImplementationNorTheBackends() {
        noClasses().that().resideInAnyPackage(API, KEYS, SPI)
                .should().dependOnClassesThat().resideInAnyPackage(INTERNAL, BACKENDS_STORE, BACKENDS_XMLENCRYPTION)
                .check(CORE);
    }

    @Test
    void implementation_dependsOnNoBackend() {
        noClasses().that().resideInAPackage(INTERNAL)
                .should().dependOnClassesThat().resideInAnyPackage(BACKENDS_STORE, BACKENDS_XMLENCRYPTION)
                .check(CORE);
    }

    @Test
    void lowerImplementationPackages_neverCallHigherOnes() {
        noClasses().that().resideInAPackage("..internal.crypto..").should().dependOnClassesThat()
                .resideInAnyPackage("..internal.xml..", "..internal.keyring..", "..internal.protector..").check(CORE);
        noClasses().that().resideInAPackage("..internal.xml..").should().dependOnClassesThat()
                .resideInAnyPackage("..internal.keyring..", "..internal.protector..").check(CORE);
        noClasses().that().resideInAPackage("..internal.keyring..").should().dependOnClassesThat()
                .resideInAPackage("..internal.protector..").check(CORE);
    }

    @Test
    void core_importsNoQuarkusRedissonReactorOrAzureType() {
        noClasses().should().dependOnClassesThat()
                .resideInAnyPackage("io.quarkus..", "org.redisson..", "reactor..", "com.azure..", "io.vertx..")
                .check(CORE);
    }
}
