package io.quarkiverse.dataprotection.aspnetcore.auth.deployment;

import static io.restassured.RestAssured.given;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

class LoginPathRedirectTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClass(SecretResource.class))
            .overrideConfigKey("quarkus.data-protection.key-store", "memory")
            .overrideConfigKey("quarkus.data-protection.cookie-auth.login-path", "/Account/Login");

    @Test
    void unauthenticatedRequest_isRedirectedToTheLoginPathWithItsUrl() {
        given().redirects().follow(false).get("/secret?a=1").then().statusCode(302)
                .header("Location", Matchers.endsWith("/Account/Login?ReturnUrl=%2Fsecret%3Fa%3D1"));
    }

    @Test
    void unauthenticatedXhr_gets401WithTheLoginLocation() {
        given().redirects().follow(false).header("X-Requested-With", "XMLHttpRequest").get("/secret").then()
                .statusCode(401).header("Location", Matchers.endsWith("/Account/Login?ReturnUrl=%2Fsecret"));
    }
}
