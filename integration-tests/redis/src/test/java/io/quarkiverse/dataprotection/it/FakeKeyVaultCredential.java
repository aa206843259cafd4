package io.quarkiverse.dataprotection.it;

import java.time.OffsetDateTime;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;

import io.quarkiverse.dataprotection.testing.FakeKeyVaultServer;
import reactor.core.publisher.Mono;

/**
 * The token the fake Key Vault accepts. An application {@code TokenCredential} bean takes precedence over the
 * configured credential, so tests need no Azure identity. Used only when key-encryption.type=azure-key-vault.
 */
@ApplicationScoped
public class FakeKeyVaultCredential {

    @Produces
    @ApplicationScoped
    TokenCredential credential() {
        return request -> Mono.just(new AccessToken(FakeKeyVaultServer.TOKEN, OffsetDateTime.now().plusHours(1)));
    }
}
