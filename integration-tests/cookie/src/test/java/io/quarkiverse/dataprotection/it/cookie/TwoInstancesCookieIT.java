package io.quarkiverse.dataprotection.it.cookie;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkiverse.dataprotection.testing.RedisServer;
import io.quarkiverse.dataprotection.testing.RedisServers;
import io.restassured.response.Response;

/** Two packaged instances sharing one key ring in a real redis-server: a cookie issued by one signs in on the other. */
class TwoInstancesCookieIT {

    static RedisServer redis;
    static PackagedInstance first;
    static PackagedInstance second;

    @BeforeAll
    static void start() throws Exception {
        assertThat(PackagedInstance.JAR).as("built by quarkus-maven-plugin's build goal").exists();
        redis = RedisServers.standalone();
        List<String> settings = List.of("-Dquarkus.data-protection.redis.hosts=" + redis.uri());
        first = PackagedInstance.start("cookie-instance-1", settings);
        second = PackagedInstance.start("cookie-instance-2", settings);
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable closeable : new AutoCloseable[] { second, first, redis }) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (Exception e) {
                // keep stopping the others
            }
        }
    }

    @Test
    void cookieIssuedByOneInstance_authenticatesOnTheOther_andBack() {
        String fromFirst = login(first, "alice", "alice-password");
        given().baseUri(second.baseUri()).cookie(AspNetSide.COOKIE, fromFirst).get("/admin").then().statusCode(200)
                .body(equalTo("admin:alice"));

        String fromSecond = login(second, "bob", "bob-password");
        given().baseUri(first.baseUri()).cookie(AspNetSide.COOKIE, fromSecond).get("/profile").then().statusCode(200)
                .body("name", equalTo("bob"));
        given().baseUri(first.baseUri()).cookie(AspNetSide.COOKIE, fromSecond).get("/admin").then().statusCode(403);
    }

    static String login(PackagedInstance instance, String user, String password) {
        Response response = given().baseUri(instance.baseUri()).formParam("username", user).formParam("password", password)
                .post("/account/login");
        response.then().statusCode(204);
        return CookieAuthTest.cookieValue(response, AspNetSide.COOKIE);
    }
}
