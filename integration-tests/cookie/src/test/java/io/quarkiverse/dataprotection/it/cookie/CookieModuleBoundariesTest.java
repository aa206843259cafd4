package io.quarkiverse.dataprotection.it.cookie;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The cookie modules build on core's API only, the plain module knows no Quarkus or Vert.x type, and the Quarkus
 * runtime does no cryptography of its own (the rules of the other modules, in integration-tests/redis, for these).
 */
class CookieModuleBoundariesTest {

    static final JavaClasses COOKIE_MODULES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.quarkiverse.dataprotection.aspnetcore");

    @Test
    void cookieModules_neverUseCoresImplementationPackages() {
        noClasses().should().dependOnClassesThat().resideInAPackage("io.quarkiverse.dataprotection.internal..")
                .check(COOKIE_MODULES);
    }

    @Test
    void plainModule_knowsNoQuarkusOrVertx() {
        noClasses().that().resideInAPackage("io.quarkiverse.dataprotection.aspnetcore.auth")
                .should().dependOnClassesThat().resideInAnyPackage("io.quarkus..", "io.vertx..", "io.smallrye..")
                .check(COOKIE_MODULES);
    }

    @Test
    void quarkusRuntime_doesNoCryptographyItself() {
        noClasses().that().resideInAPackage("io.quarkiverse.dataprotection.aspnetcore.auth.runtime..")
                .should().dependOnClassesThat().resideInAnyPackage("javax.crypto..")
                .check(COOKIE_MODULES);
    }
}
