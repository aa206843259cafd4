package io.quarkiverse.dataprotection.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.dataprotection.DataProtectionException;
import io.quarkiverse.dataprotection.DataProtectionProvider;
import io.quarkiverse.dataprotection.DataProtector;
import io.quarkiverse.dataprotection.Protector;
import io.quarkiverse.dataprotection.keys.KeyManager;
import io.quarkus.test.QuarkusUnitTest;

class ProtectorInjectionTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Protected.class))
            .overrideConfigKey("quarkus.data-protection.key-store", "memory")
            .overrideConfigKey("quarkus.data-protection.application-name", "injection-test");

    @Singleton
    static class Protected {

        @Inject
        @Protector("field")
        DataProtector field;

        final DataProtector constructor;

        DataProtector method;

        @Inject
        Protected(@Protector("constructor") DataProtector constructor) {
            this.constructor = constructor;
        }

        @Inject
        void init(@Protector({ "orders", "v2" }) DataProtector method) {
            this.method = method;
        }
    }

    @Inject
    Protected beans;

    @Inject
    DataProtectionProvider provider;

    @Inject
    KeyManager keyManager;

    @Inject
    @Any
    Instance<DataProtector> protectors;

    @Test
    void fieldConstructorAndMethodInjection_roundTripUnderTheirPurposes() {
        assertThat(beans.field.unprotect(beans.field.protect("hello"))).isEqualTo("hello");
        assertThat(beans.constructor.unprotect(beans.constructor.protect("hello"))).isEqualTo("hello");
        assertThat(beans.method.unprotect(beans.method.protect("hello"))).isEqualTo("hello");
    }

    @Test
    void injectedProtector_equalsProviderProtectorForSameChain() {
        String payload = beans.method.protect("chained");
        assertThat(provider.createProtector("orders", "v2").unprotect(payload)).isEqualTo("chained");
        assertThat(provider.createProtector("orders").createProtector("v2").unprotect(payload)).isEqualTo("chained");
    }

    @Test
    void differentPurposes_cannotReadEachOther() {
        String payload = beans.field.protect("secret");
        assertThatThrownBy(() -> beans.constructor.unprotect(payload)).isInstanceOf(DataProtectionException.class);
        assertThatThrownBy(() -> provider.createProtector("orders").unprotect(beans.method.protect("x")))
                .isInstanceOf(DataProtectionException.class);
    }

    @Test
    void programmaticLiteralLookup_returnsProtectorForThatChain() {
        DataProtector viaInstance = protectors.select(Protector.Literal.of("field")).get();
        assertThat(viaInstance.unprotect(beans.field.protect("lookup"))).isEqualTo("lookup");

        DataProtector viaCdi = CDI.current().select(DataProtector.class, Protector.Literal.of("orders", "v2")).get();
        assertThat(viaCdi.unprotect(beans.method.protect("lookup"))).isEqualTo("lookup");
    }

    @Test
    void programmaticLookupWithBlankPurpose_failsNamingTheRule() {
        assertThatThrownBy(() -> protectors.select(Protector.Literal.of(" ")).get())
                .hasMessageContaining("blank purpose");
    }

    @Test
    void providerAndKeyManager_areInjectableSingletons() {
        assertThat(provider.applicationName()).isEqualTo("injection-test");
        assertThat(keyManager).isNotNull();
        assertThat(CDI.current().select(DataProtectionProvider.class).get()).isSameAs(provider);
    }
}
