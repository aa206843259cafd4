package io.quarkiverse.dataprotection.startup;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The bare app's one endpoint, so that it starts the same REST stack as the example service. */
@Path("/echo")
public class EchoResource {

    @POST
    @Consumes(MediaType.TEXT_PLAIN)
    @Produces(MediaType.TEXT_PLAIN)
    public String echo(String body) {
        return body;
    }
}
