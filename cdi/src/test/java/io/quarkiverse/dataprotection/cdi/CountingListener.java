package io.quarkiverse.dataprotection.cdi;

import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkiverse.dataprotection.DataProtectionListener;

/** An application's metrics bean. */
@ApplicationScoped
public class CountingListener implements DataProtectionListener {

    private final AtomicInteger protects = new AtomicInteger();
    private final AtomicInteger failures = new AtomicInteger();

    /** Read through methods: the test holds a client proxy, whose fields are not the bean's. */
    public int protects() {
        return protects.get();
    }

    public int failures() {
        return failures.get();
    }

    @Override
    public void onProtect() {
        protects.incrementAndGet();
    }

    @Override
    public void onFailure(Failure reason) {
        failures.incrementAndGet();
    }
}
