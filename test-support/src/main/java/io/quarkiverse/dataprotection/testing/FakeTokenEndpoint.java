package io.quarkiverse.dataprotection.testing;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Microsoft Entra ID (Azure AD) part of {@link FakeKeyVaultServer}, so that real azure-identity credentials
 * (client secret, workload identity) can be pointed at it with {@code authorityHost(vaultUrl)}: MSAL's instance
 * discovery ({@code GET /common/discovery/instance}), the tenant's OpenID configuration, and the token endpoint
 * {@code POST /{tenant}/oauth2/v2.0/token}, which hands out {@link FakeKeyVaultServer#TOKEN} for any client, or
 * refuses every request as Entra ID refuses a wrong client secret ({@code 401 invalid_client}, {@code AADSTS7000215}).
 * <p>
 * Thread-safe.
 */
public final class FakeTokenEndpoint {

    /** The first line of the error description the token endpoint gives when refusing. */
    public static final String REFUSAL = "AADSTS7000215: Invalid client secret provided. Ensure the secret being sent "
            + "in the request is the client secret value, not the client secret ID.";

    private final FakeKeyVaultServer server;
    private final AtomicInteger tokenRequests = new AtomicInteger();
    private volatile boolean refusing;

    FakeTokenEndpoint(FakeKeyVaultServer server) {
        this.server = server;
    }

    /** Whether the token endpoint refuses every client (a wrong secret, a deleted app registration). */
    public void refuse(boolean refusing) {
        this.refusing = refusing;
    }

    /** Token requests received, refused ones included. */
    public int tokenRequests() {
        return tokenRequests.get();
    }

    /** Answers the request when it is one of the identity endpoints; false otherwise. */
    boolean route(FakeKeyVaultServer.Exchange exchange) throws IOException {
        String path = exchange.path();
        String base = server.vaultUrl();
        String host = base.substring("https://".length());
        if (path.equals("/common/discovery/instance")) {
            exchange.respond(200, "{\"tenant_discovery_endpoint\":\"" + base + "/" + FakeKeyVaultServer.TENANT
                    + "/v2.0/.well-known/openid-configuration\",\"api-version\":\"1.1\",\"metadata\":[{"
                    + "\"preferred_network\":\"" + host + "\",\"preferred_cache\":\"" + host + "\",\"aliases\":[\""
                    + host + "\"]}]}");
        } else if (path.endsWith("/v2.0/.well-known/openid-configuration")) {
            String tenant = base + path.substring(0, path.indexOf("/v2.0/"));
            exchange.respond(200, "{\"token_endpoint\":\"" + tenant + "/oauth2/v2.0/token\",\"authorization_endpoint\":\""
                    + tenant + "/oauth2/v2.0/authorize\",\"issuer\":\"" + tenant + "/v2.0\"}");
        } else if (path.endsWith("/oauth2/v2.0/token") && exchange.method().equals("POST")) {
            tokenRequests.incrementAndGet();
            if (refusing) {
                exchange.respond(401, "{\"error\":\"invalid_client\",\"error_description\":\"" + REFUSAL
                        + "\\r\\nTrace ID: 0d6c3f1e-0000-4000-8000-000000000001\\r\\nCorrelation ID: "
                        + "0d6c3f1e-0000-4000-8000-000000000002\\r\\nTimestamp: 2026-12-01 10:00:00Z\",\"error_codes\":"
                        + "[7000215],\"trace_id\":\"0d6c3f1e-0000-4000-8000-000000000001\"}");
            } else {
                exchange.respond(200, "{\"token_type\":\"Bearer\",\"expires_in\":3599,\"ext_expires_in\":3599,"
                        + "\"access_token\":\"" + FakeKeyVaultServer.TOKEN + "\"}");
            }
        } else {
            return false;
        }
        return true;
    }
}
