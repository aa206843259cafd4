package io.quarkiverse.dataprotection.it.cookie;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import io.quarkiverse.dataprotection.DataProtectionProvider;
import io.quarkiverse.dataprotection.DataProtector;
import io.quarkiverse.dataprotection.aspnetcore.auth.AuthenticationProperties;
import io.quarkiverse.dataprotection.aspnetcore.auth.AuthenticationTicket;
import io.quarkiverse.dataprotection.aspnetcore.auth.Claim;
import io.quarkiverse.dataprotection.aspnetcore.auth.ClaimTypes;
import io.quarkiverse.dataprotection.aspnetcore.auth.ClaimsIdentity;
import io.quarkiverse.dataprotection.aspnetcore.auth.TicketSerializer;
import io.quarkiverse.dataprotection.store.FileSystemXmlRepository;

/**
 * Stands in for the ASP.NET Core application: its own provider over the same key directory with its application name,
 * and the cookie handler's purpose chain written out literally, issuing and reading cookies as ASP.NET does.
 */
final class AspNetSide implements AutoCloseable {

    static final String COOKIE = ".AspNetCore.Cookies";

    private final DataProtectionProvider provider;

    AspNetSide() {
        Path directory = Path.of(System.getProperty(CookieKeyRingResource.DIRECTORY_PROPERTY));
        provider = DataProtectionProvider.builder().repository(new FileSystemXmlRepository(directory))
                .applicationName("SharedCookieApp").autoGenerateKeys(false).backgroundRefresh(false).build();
    }

    private DataProtector protector(String scheme) {
        return provider.createProtector("Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationMiddleware",
                scheme, "v2");
    }

    String protect(String scheme, AuthenticationTicket ticket) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(protector(scheme).protect(TicketSerializer.serialize(ticket)));
    }

    AuthenticationTicket unprotect(String scheme, String cookie) {
        return TicketSerializer.deserialize(protector(scheme).unprotect(Base64.getUrlDecoder().decode(cookie)));
    }

    /** A ticket as ASP.NET's sign-in writes it for {@code name} with {@code roles}, issued at {@code issued}. */
    static AuthenticationTicket ticket(String name, List<String> roles, Instant issued, Duration lifetime, Claim... more) {
        List<Claim> claims = new ArrayList<>();
        claims.add(Claim.of(ClaimTypes.NAME, name));
        roles.forEach(role -> claims.add(Claim.of(ClaimTypes.ROLE, role)));
        claims.addAll(List.of(more));
        return new AuthenticationTicket("Cookies", List.of(ClaimsIdentity.of("Cookies", claims)),
                AuthenticationProperties.forSignIn(issued, lifetime, false));
    }

    @Override
    public void close() {
        provider.close();
    }
}
