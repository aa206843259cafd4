package io.quarkiverse.dataprotection.it.cookie;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkiverse.dataprotection.aspnetcore.auth.AuthenticationTicket;
import io.quarkiverse.dataprotection.aspnetcore.auth.Claim;
import io.quarkiverse.dataprotection.aspnetcore.auth.ClaimTypes;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * The example app on a key ring an "ASP.NET application" ({@link AspNetSide}) shares: cookies it issues authenticate
 * here for {@code @RolesAllowed}/{@code @Authenticated}/{@code SecurityIdentity}; cookies issued here are what it reads.
 */
@QuarkusTest
@QuarkusTestResource(value = CookieKeyRingResource.class, restrictToAnnotatedClass = true)
class CookieAuthTest {

    static AspNetSide aspNet;

    @BeforeAll
    static void aspNetSide() {
        aspNet = new AspNetSide();
    }

    @AfterAll
    static void close() {
        aspNet.close();
    }

    static String aspNetCookie(String name, List<String> roles, Instant issued, Duration lifetime, Claim... more) {
        return aspNet.protect("Cookies", AspNetSide.ticket(name, roles, issued, lifetime, more));
    }

    static String fresh(String name, String... roles) {
        return aspNetCookie(name, List.of(roles), Instant.now().minusSeconds(60), Duration.ofDays(14));
    }

    @Test
    void rolesAllowedEndpoint_withAspNetCookie_answersForItsPrincipal() {
        given().cookie(AspNetSide.COOKIE, fresh("jdoe", "admin")).get("/admin").then().statusCode(200)
                .body(equalTo("admin:jdoe"));
    }

    @Test
    void rolesAllowedEndpoint_withoutCookie_is401_andWithoutTheRole_is403() {
        given().get("/admin").then().statusCode(401);
        given().cookie(AspNetSide.COOKIE, fresh("bob", "user")).get("/admin").then().statusCode(403);
    }

    @Test
    void aspNetRoleMapping_andClaimsAsAttributes_reachTheInjectedIdentity() {
        String cookie = aspNetCookie("carol", List.of("Administrators"), Instant.now().minusSeconds(5), Duration.ofDays(1),
                Claim.of(ClaimTypes.EMAIL, "carol@example.com"));

        given().cookie(AspNetSide.COOKIE, cookie).get("/admin").then().statusCode(200).body(equalTo("admin:carol"));
        Map<String, Object> profile = given().cookie(AspNetSide.COOKIE, cookie).get("/profile").then().statusCode(200)
                .extract().jsonPath().getMap("");
        assertThat(profile).containsEntry("name", "carol").containsEntry("email", "carol@example.com")
                .containsEntry("roles", List.of("Administrators", "admin"));
        assertThat((String) profile.get("keyId")).matches("[0-9a-f-]{36}");
    }

    @Test
    void expiredCookie_is401_andLeavesPublicEndpointsAnonymous() {
        String expired = aspNetCookie("jdoe", List.of("admin"), Instant.now().minus(Duration.ofDays(15)), Duration.ofDays(14));

        given().cookie(AspNetSide.COOKIE, expired).get("/admin").then().statusCode(401);
        given().cookie(AspNetSide.COOKIE, expired).get("/public").then().statusCode(200).body(equalTo("anonymous"));
    }

    @Test
    void tamperedCookie_is401_andLeavesPublicEndpointsAnonymous() {
        char[] value = fresh("jdoe", "admin").toCharArray();
        value[value.length / 2] = value[value.length / 2] == 'A' ? 'B' : 'A';

        given().cookie(AspNetSide.COOKIE, new String(value)).get("/admin").then().statusCode(401);
        given().cookie(AspNetSide.COOKIE, new String(value)).get("/public").then().statusCode(200).body(equalTo("anonymous"));
    }

    @Test
    void cookieOfAnotherScheme_is401() {
        String identityCookie = aspNet.protect("Identity.Application",
                AspNetSide.ticket("jdoe", List.of("admin"), Instant.now(), Duration.ofDays(1)));

        given().cookie(AspNetSide.COOKIE, identityCookie).get("/admin").then().statusCode(401);
    }

    @Test
    void cookieDueForSlidingRenewal_getsTheSameTicketWithANewExpiry() {
        Instant issued = Instant.now().minus(Duration.ofDays(8)).truncatedTo(ChronoUnit.SECONDS);
        AuthenticationTicket sent = AspNetSide.ticket("jdoe", List.of("admin"), issued, Duration.ofDays(14),
                Claim.of("custom", "kept"));
        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);

        Response response = given().cookie(AspNetSide.COOKIE, aspNet.protect("Cookies", sent)).get("/admin");

        response.then().statusCode(200).header("Cache-Control", "no-cache,no-store");
        AuthenticationTicket renewed = aspNet.unprotect("Cookies", cookieValue(response, AspNetSide.COOKIE));
        assertThat(renewed.identities()).isEqualTo(sent.identities());
        assertThat(renewed.properties().items().keySet()).containsExactlyElementsOf(sent.properties().items().keySet());
        Instant newIssued = renewed.properties().issuedUtc().orElseThrow();
        assertThat(newIssued).isBetween(before, Instant.now());
        assertThat(renewed.properties().expiresUtc()).contains(newIssued.plus(Duration.ofDays(14)));
        assertThat(given().cookie(AspNetSide.COOKIE, fresh("jdoe", "admin")).get("/admin").headers().getValues("Set-Cookie"))
                .as("a fresh cookie is not renewed").isEmpty();
    }

    @Test
    void signInThenSignOut_issuesACookieAspNetAccepts_thenDeletesIt() {
        Response login = given().formParam("username", "alice").formParam("password", "alice-password")
                .post("/account/login");
        login.then().statusCode(204);
        String cookie = cookieValue(login, AspNetSide.COOKIE);

        AuthenticationTicket onAspNet = aspNet.unprotect("Cookies", cookie);
        assertThat(onAspNet.isAuthenticated()).isTrue();
        assertThat(onAspNet.primaryIdentity().orElseThrow().name()).contains("alice");
        assertThat(onAspNet.roles()).containsExactlyInAnyOrder("admin", "user");
        assertThat(onAspNet.primaryIdentity().orElseThrow().firstValue(ClaimTypes.SECURITY_STAMP))
                .contains("JTCJ5GHQ3ZMZCXMQ6FUDQ4RX4JZB2XNS");
        assertThat(onAspNet.properties().expiresUtc().orElseThrow())
                .isEqualTo(onAspNet.properties().issuedUtc().orElseThrow().plus(Duration.ofDays(14)));
        given().cookie(AspNetSide.COOKIE, cookie).get("/admin").then().statusCode(200).body(equalTo("admin:alice"));

        Response logout = given().cookie(AspNetSide.COOKIE, cookie).post("/account/logout");
        logout.then().statusCode(204);
        assertThat(logout.headers().getValues("Set-Cookie"))
                .containsExactly(".AspNetCore.Cookies=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/; samesite=lax; httponly");
    }

    @Test
    void largeCookies_areChunkedBothWays_andSignOutDeletesEveryChunk() {
        String note = "n".repeat(9000);
        Response login = given().formParam("username", "bob").formParam("password", "bob-password").formParam("note", note)
                .post("/account/login");
        login.then().statusCode(204);
        List<String> setCookies = login.headers().getValues("Set-Cookie");
        assertThat(setCookies).hasSize(5).first().asString().startsWith(".AspNetCore.Cookies=chunks-4;");
        assertThat(setCookies).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(4050));
        String header = setCookies.stream().map(line -> line.substring(0, line.indexOf(';'))).collect(Collectors.joining("; "));

        given().header("Cookie", header).get("/profile").then().statusCode(200).body("name", equalTo("bob"));

        Response logout = given().header("Cookie", header).post("/account/logout");
        assertThat(logout.headers().getValues("Set-Cookie")).extracting(line -> line.substring(0, line.indexOf('=')))
                .containsExactly(".AspNetCore.Cookies", ".AspNetCore.CookiesC1", ".AspNetCore.CookiesC2",
                        ".AspNetCore.CookiesC3", ".AspNetCore.CookiesC4");
    }

    @Test
    void aspNetCookieChunkedIn3Parts_authenticates_andWithAChunkMissing_is401() {
        String value = aspNetCookie("dave", List.of("admin"), Instant.now(), Duration.ofHours(1),
                Claim.of("picture", "p".repeat(6000)));
        int third = value.length() / 3 + 1;
        String c1 = value.substring(0, third);
        String c2 = value.substring(third, 2 * third);
        String c3 = value.substring(2 * third);

        given().header("Cookie", ".AspNetCore.Cookies=chunks-3; .AspNetCore.CookiesC1=" + c1 + "; .AspNetCore.CookiesC2="
                + c2 + "; .AspNetCore.CookiesC3=" + c3).get("/admin").then().statusCode(200).body(equalTo("admin:dave"));
        given().header("Cookie", ".AspNetCore.Cookies=chunks-3; .AspNetCore.CookiesC1=" + c1 + "; .AspNetCore.CookiesC3="
                + c3).get("/admin").then().statusCode(401);
    }

    static String cookieValue(Response response, String name) {
        return response.headers().getValues("Set-Cookie").stream().filter(line -> line.startsWith(name + "="))
                .map(line -> line.substring(name.length() + 1, line.indexOf(';'))).findFirst()
                .orElseThrow(() -> new AssertionError("No Set-Cookie for " + name + ": " + response.headers()));
    }
}
