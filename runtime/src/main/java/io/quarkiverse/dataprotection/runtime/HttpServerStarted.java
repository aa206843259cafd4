package io.quarkiverse.dataprotection.runtime;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Singleton;

import io.quarkus.vertx.http.HttpServerStart;

/**
 * Completes when the application's HTTP server listens: the end of the start-up, when the key ring's first read
 * (with {@code first-read-in-background}) starts, so that it does not compete for the CPU with the HTTP server's own
 * start. A bean only when the application has Quarkus' HTTP server (the deployment module registers it).
 * <p>
 * Thread-safe.
 */
@Singleton
public class HttpServerStarted {

    private final CompletableFuture<Void> started = new CompletableFuture<>();

    void onStart(@ObservesAsync HttpServerStart event) {
        started.complete(null);
    }

    /** Completes once the HTTP server (the first of its servers) listens. */
    public CompletionStage<Void> signal() {
        return started;
    }
}
