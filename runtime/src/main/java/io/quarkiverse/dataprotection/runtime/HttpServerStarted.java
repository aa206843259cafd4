package io.quarkiverse.dataprotection.runtime;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Singleton;

import io.quarkus.vertx.http.DomainSocketServerStart;
import io.quarkus.vertx.http.HttpServerStart;
import io.quarkus.vertx.http.HttpsServerStart;

/**
 * Completes when the application's HTTP server listens (plain, TLS or domain socket, whichever comes first): the end
 * of the start-up, when the key ring's first read (with {@code first-read-in-background}) starts, so that it does not
 * compete for the CPU with the HTTP server's own start. If no server has started {@value #BOUND_SECONDS} seconds after
 * this bean was created (all of them disabled, say), it completes anyway. A bean only when the application has
 * Quarkus' HTTP server, and not in dev mode (the deployment module registers it).
 * <p>
 * Thread-safe.
 */
@Singleton
public class HttpServerStarted {

    static final int BOUND_SECONDS = 5;

    private final CompletableFuture<Void> started = new CompletableFuture<Void>()
            .completeOnTimeout(null, BOUND_SECONDS, TimeUnit.SECONDS);

    void onHttp(@ObservesAsync HttpServerStart event) {
        started.complete(null);
    }

    void onHttps(@ObservesAsync HttpsServerStart event) {
        started.complete(null);
    }

    void onDomainSocket(@ObservesAsync DomainSocketServerStart event) {
        started.complete(null);
    }

    /** Completes once the first of the HTTP servers listens, or after the bound. */
    public CompletionStage<Void> signal() {
        return started;
    }
}
