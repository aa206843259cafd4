package io.quarkiverse.dataprotection.cdi;

import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import io.quarkiverse.dataprotection.DataProtectionProvider;
import io.quarkiverse.dataprotection.DataProtector;
import io.quarkiverse.dataprotection.Protector;
import io.quarkiverse.dataprotection.keys.KeyManager;

/** Injects protectors every way CDI allows. Dependent, so tests read its fields directly rather than through a proxy. */
@Dependent
public class ProtectedBean {

    @Inject
    @Protector("field")
    DataProtector fieldProtector;

    @Inject
    @Protector("lazy")
    Instance<DataProtector> lazyProtector;

    @Inject
    DataProtectionProvider provider;

    @Inject
    KeyManager keyManager;

    DataProtector constructorProtector;
    DataProtector methodProtector;

    @Inject
    ProtectedBean(@Protector({ "orders", "v2" }) DataProtector constructorProtector) {
        this.constructorProtector = constructorProtector;
    }

    @Inject
    void setMethodProtector(@Protector("method") DataProtector methodProtector) {
        this.methodProtector = methodProtector;
    }
}
