package io.quarkiverse.dataprotection.aspnetcore.auth;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;

import io.quarkiverse.dataprotection.DataProtectionProvider;
import io.quarkiverse.dataprotection.DataProtector;
import io.quarkiverse.dataprotection.spi.XmlRepository;
import io.quarkiverse.dataprotection.store.InMemoryXmlRepository;

/**
 * A key ring holding one key in ASP.NET's key XML (the sample key of ASP.NET's docs, valid in spring 2015), read at a
 * fixed instant inside its lifetime. The "ASP.NET side" of a test protects spec-built ticket bytes with the purpose
 * chain spelled out literally, through a provider of its own over the same store.
 */
final class AspNetKeyRing {

    static final Instant NOW = Instant.parse("2015-04-01T12:00:00Z");
    static final String APP = "SharedCookieApp";
    static final String KEY_ID = "80732141-ec8f-4b80-af9c-c4d2d1ff8901";

    final XmlRepository store = new InMemoryXmlRepository();

    AspNetKeyRing() {
        try (InputStream in = AspNetKeyRing.class.getResourceAsStream("/golden/aspnet-key.xml")) {
            store.add(new String(in.readAllBytes(), StandardCharsets.UTF_8), "key-" + KEY_ID);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    DataProtectionProvider provider(String applicationName) {
        return DataProtectionProvider.builder().repository(store).applicationName(applicationName)
                .clock(Clock.fixed(NOW, ZoneOffset.UTC)).autoGenerateKeys(false).backgroundRefresh(false).build();
    }

    /** What ASP.NET's cookie handler for {@code scheme} does to ticket bytes, with the chain written out here. */
    String aspNetCookie(String scheme, byte[] ticketBytes) {
        DataProtector protector = provider(APP).createProtector(
                "Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationMiddleware", scheme, "v2");
        return Base64.getUrlEncoder().withoutPadding().encodeToString(protector.protect(ticketBytes));
    }

    /** The ticket bytes in a cookie value, as ASP.NET would unprotect them. */
    byte[] aspNetUnprotect(String scheme, String cookie) {
        return provider(APP).createProtector("Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationMiddleware",
                scheme, "v2").unprotect(Base64.getUrlDecoder().decode(cookie));
    }
}
