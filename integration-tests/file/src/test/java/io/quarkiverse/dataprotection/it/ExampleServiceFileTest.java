package io.quarkiverse.dataprotection.it;

import static io.restassured.RestAssured.given;
import static io.restassured.RestAssured.when;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** The example service on the embedded file store (a temporary directory): protect, unprotect, keys, readiness. */
@QuarkusTest
@QuarkusTestResource(value = FileStoreTestResource.class, restrictToAnnotatedClass = true)
class ExampleServiceFileTest {

    static final String CHECK = "checks.find { it.name == 'data-protection' }";

    @Test
    void protectThenUnprotect_roundTrips_andAnotherPurposeIsRefused() {
        String payload = given().contentType(ContentType.TEXT).body("hello world").post("/protect/orders")
                .then().statusCode(200).body(containsString("CfDJ8")).extract().asString();
        given().contentType(ContentType.TEXT).body(payload).post("/unprotect/orders")
                .then().statusCode(200).body(equalTo("hello world"));
        given().contentType(ContentType.TEXT).body(payload).post("/unprotect/invoices").then().statusCode(400);
    }

    @Test
    void readiness_namesTheFileStore() {
        when().get("/q/health/ready").then().statusCode(200)
                .body(CHECK + ".status", equalTo("UP"))
                .body(CHECK + ".data.store", containsString("file:"));
    }

    /** The key id in a payload's header (.NET GUID byte order after the 4-byte magic header). */
    static UUID keyId(String payload) {
        byte[] bytes = Base64.getUrlDecoder().decode(payload);
        ByteBuffer b = ByteBuffer.wrap(bytes, 4, 16);
        int a = Integer.reverseBytes(b.getInt());
        short c = Short.reverseBytes(b.getShort());
        short d = Short.reverseBytes(b.getShort());
        long high = ((long) a << 32) | ((c & 0xFFFFL) << 16) | (d & 0xFFFFL);
        return new UUID(high, b.getLong());
    }
}
