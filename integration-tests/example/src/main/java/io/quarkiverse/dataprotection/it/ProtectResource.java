package io.quarkiverse.dataprotection.it;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.quarkiverse.dataprotection.DataProtectionProvider;
import io.quarkiverse.dataprotection.DataProtector;
import io.quarkiverse.dataprotection.Protector;

/**
 * Protects and unprotects text: under a purpose named in the path (through the provider), or under the fixed
 * {@code example} purpose (through an injected protector). Payloads are base64url, as ASP.NET Core's.
 */
@Path("/")
@Consumes(MediaType.TEXT_PLAIN)
@Produces(MediaType.TEXT_PLAIN)
public class ProtectResource {

    @Inject
    DataProtectionProvider provider;

    @Inject
    @Protector("example")
    DataProtector example;

    @POST
    @Path("protect/{purpose}")
    public String protect(@PathParam("purpose") String purpose, String plaintext) {
        return provider.createProtector(purpose).protect(plaintext);
    }

    @POST
    @Path("unprotect/{purpose}")
    public String unprotect(@PathParam("purpose") String purpose, String payload) {
        return provider.createProtector(purpose).unprotect(payload.strip());
    }

    @POST
    @Path("example/protect")
    public String protectExample(String plaintext) {
        return example.protect(plaintext);
    }

    @POST
    @Path("example/unprotect")
    public String unprotectExample(String payload) {
        return example.unprotect(payload.strip());
    }
}
