package io.quarkiverse.dataprotection.aspnetcore.auth.deployment;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.dataprotection.aspnetcore.auth.AuthenticationTicket;
import io.quarkiverse.dataprotection.aspnetcore.auth.TicketStore;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.response.Response;

/** With a TicketStore bean, cookies carry only a session key; sign-out removes the session. */
class SessionStoreTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(SecretResource.class, MapStore.class))
            .overrideConfigKey("quarkus.data-protection.key-store", "memory");

    @Inject
    MapStore store;

    @Test
    void signIn_storesTheTicket_cookieAuthenticatesThroughTheStore_signOutRemovesIt() {
        Response signIn = given().post("/sign-in");
        signIn.then().statusCode(204);
        String cookie = signIn.headers().getValue("Set-Cookie");
        String value = cookie.substring(".AspNetCore.Cookies=".length(), cookie.indexOf(';'));

        assertThat(store.tickets).hasSize(1);
        assertThat(store.tickets.values().iterator().next().primaryIdentity().orElseThrow().name()).contains("erin");
        given().cookie(".AspNetCore.Cookies", value).get("/secret").then().statusCode(200).body(equalTo("secret for erin"));

        given().cookie(".AspNetCore.Cookies", value).post("/sign-out").then().statusCode(204);
        assertThat(store.tickets).isEmpty();
        given().cookie(".AspNetCore.Cookies", value).get("/secret").then().statusCode(401);
    }

    /** A session store in memory. */
    @Singleton
    public static class MapStore implements TicketStore {
        final Map<String, AuthenticationTicket> tickets = new ConcurrentHashMap<>();

        @Override
        public String store(AuthenticationTicket ticket) {
            String key = UUID.randomUUID().toString();
            tickets.put(key, ticket);
            return key;
        }

        @Override
        public void renew(String key, AuthenticationTicket ticket) {
            tickets.put(key, ticket);
        }

        @Override
        public AuthenticationTicket retrieve(String key) {
            return tickets.get(key);
        }

        @Override
        public void remove(String key) {
            tickets.remove(key);
        }
    }
}
