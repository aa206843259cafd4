package io.quarkiverse.dataprotection.it;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * Across the released modules on this class path (core, the Redis and Azure Key Vault modules, the Quarkus runtime
 * and its extensions): only core reaches into core's implementation packages; the others build on its API, SPI and
 * backends. The Quarkus runtime does no cryptography of its own.
 */
class ModuleBoundariesTest {

    static final JavaClasses LIBRARY = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(location -> !location.contains("test-support") && !location.contains("/it/"))
            .importPackages("io.quarkiverse.dataprotection");

    @Test
    void modulesOtherThanCore_neverUseCoresImplementationPackages() {
        noClasses().that().resideOutsideOfPackage("io.quarkiverse.dataprotection.internal..")
                .and().resideInAnyPackage("io.quarkiverse.dataprotection.redis..",
                        "io.quarkiverse.dataprotection.azure..", "io.quarkiverse.dataprotection.runtime..",
                        "io.quarkiverse.dataprotection.cdi..")
                .should().dependOnClassesThat().resideInAPackage("io.quarkiverse.dataprotection.internal..")
                .check(LIBRARY);
    }

    @Test
    void quarkusRuntime_doesNoCryptographyItself() {
        noClasses().that().resideInAnyPackage("io.quarkiverse.dataprotection.runtime..",
                "io.quarkiverse.dataprotection.redis.runtime..", "io.quarkiverse.dataprotection.azure.keyvault.runtime..")
                .should().dependOnClassesThat().resideInAnyPackage("javax.crypto..")
                .check(LIBRARY);
    }
}
