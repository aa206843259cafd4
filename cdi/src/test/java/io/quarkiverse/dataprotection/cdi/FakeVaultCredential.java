package io.quarkiverse.dataprotection.cdi;

import jakarta.enterprise.context.ApplicationScoped;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;

import io.quarkiverse.dataprotection.testing.FakeKeyVaultServer;
import reactor.core.publisher.Mono;

/** The application's own Azure credential bean, handing out the fake vault's token. */
@ApplicationScoped
public class FakeVaultCredential implements TokenCredential {

    /** Set by the test before the container starts. */
    static volatile FakeKeyVaultServer server;

    @Override
    public Mono<AccessToken> getToken(TokenRequestContext request) {
        return server.credential().getToken(request);
    }
}
