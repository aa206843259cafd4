package io.quarkiverse.dataprotection.it;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.quarkiverse.dataprotection.DataProtectionException;

/** A payload that does not unprotect is the client's error; the message is the engine's generic one. */
public class DataProtectionExceptionMapper {

    @ServerExceptionMapper
    public Response invalidPayload(DataProtectionException e) {
        return Response.status(Response.Status.BAD_REQUEST).type(MediaType.TEXT_PLAIN).entity(e.getMessage()).build();
    }

    @ServerExceptionMapper
    public Response invalidPurpose(IllegalArgumentException e) {
        return Response.status(Response.Status.BAD_REQUEST).type(MediaType.TEXT_PLAIN).entity(e.getMessage()).build();
    }
}
