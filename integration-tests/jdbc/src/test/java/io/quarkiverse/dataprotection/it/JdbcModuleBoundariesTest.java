package io.quarkiverse.dataprotection.it;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The JDBC module and its Quarkus extension build on core's API, SPI and backends only, never on its implementation
 * packages; the extension's runtime does no cryptography (as integration-tests/redis ModuleBoundariesTest checks for
 * the other modules).
 */
class JdbcModuleBoundariesTest {

    static final JavaClasses LIBRARY = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(location -> !location.contains("test-support") && !location.contains("/it/"))
            .importPackages("io.quarkiverse.dataprotection");

    @Test
    void jdbcModules_neverUseCoresImplementationPackages() {
        noClasses().that().resideInAnyPackage("io.quarkiverse.dataprotection.jdbc..")
                .should().dependOnClassesThat().resideInAPackage("io.quarkiverse.dataprotection.internal..")
                .check(LIBRARY);
    }

    @Test
    void jdbcQuarkusRuntime_doesNoCryptographyItself() {
        noClasses().that().resideInAnyPackage("io.quarkiverse.dataprotection.jdbc.runtime..")
                .should().dependOnClassesThat().resideInAnyPackage("javax.crypto..")
                .check(LIBRARY);
    }
}
