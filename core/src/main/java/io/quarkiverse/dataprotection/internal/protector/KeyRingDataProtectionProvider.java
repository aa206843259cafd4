package io.quarkiverse.dataprotection.internal.protector;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.quarkiverse.dataprotection.DataProtectionListener;
import io.quarkiverse.dataprotection.DataProtectionProvider;
import io.quarkiverse.dataprotection.DataProtector;
import io.quarkiverse.dataprotection.internal.keyring.KeyRingProvider;
import io.quarkiverse.dataprotection.keys.KeyManager;
import io.quarkiverse.dataprotection.keys.KeyRingStatus;

/**
 * The {@link DataProtectionProvider} over a cached key ring. The application name, when set, is the first purpose
 * of every chain, as ASP.NET Core's application discriminator.
 * <p>
 * Thread-safety: safe for concurrent use.
 */
public final class KeyRingDataProtectionProvider implements DataProtectionProvider {

    private final String applicationName;
    private final KeyRingProvider keyRing;
    private final Clock clock;
    private final DataProtectionListener listener;
    private final KeyManager keyManager;

    public KeyRingDataProtectionProvider(String applicationName, KeyRingProvider keyRing, Clock clock,
            DataProtectionListener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
        this.applicationName = applicationName;
        this.keyRing = Objects.requireNonNull(keyRing, "keyRing");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.keyManager = new AfterFirstReadKeyManager(keyRing);
    }

    @Override
    public DataProtector createProtector(String purpose, String... subPurposes) {
        List<String> chain = new ArrayList<>(Objects.requireNonNull(subPurposes, "subPurposes").length + 2);
        if (applicationName != null) {
            chain.add(applicationName);
        }
        chain.add(Objects.requireNonNull(purpose, "purpose"));
        for (String sub : subPurposes) {
            chain.add(Objects.requireNonNull(sub, "subPurposes"));
        }
        return new KeyRingDataProtector(keyRing, chain, clock, listener);
    }

    @Override
    public KeyManager keyManager() {
        return keyManager;
    }

    @Override
    public KeyRingStatus status() {
        return keyRing.status();
    }

    @Override
    public KeyRingStatus refresh() {
        keyRing.refresh();
        return keyRing.status();
    }

    @Override
    public boolean awaitFirstRead(Duration timeout) throws InterruptedException {
        return keyRing.awaitFirstRead(Objects.requireNonNull(timeout, "timeout"));
    }

    @Override
    public String applicationName() {
        return applicationName;
    }

    /** The key ring cache, for integrations that refresh it (e.g. on a change notification). */
    public KeyRingProvider keyRing() {
        return keyRing;
    }

    @Override
    public void close() {
        keyRing.close();
    }

    @Override
    public String toString() {
        return "DataProtectionProvider[application=" + applicationName + ", store="
                + keyRing.keyManager().store().description() + "]";
    }
}
