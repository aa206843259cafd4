package io.quarkiverse.dataprotection.it;

import static io.restassured.RestAssured.given;
import static io.restassured.RestAssured.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.http.ContentType;

/** The packaged service exactly as the README runs it: default configuration, file store (in a temp directory). */
@QuarkusIntegrationTest
@QuarkusTestResource(value = FileStoreTestResource.class, restrictToAnnotatedClass = true)
class PackagedExampleServiceIT {

    static final String CHECK = ExampleServiceFileTest.CHECK;

    @Test
    void protectThenUnprotect_roundTripsAndWritesAnAspNetKeyFile() throws IOException {
        String payload = given().contentType(ContentType.TEXT).body("hello").post("/protect/orders")
                .then().statusCode(200).extract().asString();
        given().contentType(ContentType.TEXT).body(payload).post("/unprotect/orders")
                .then().statusCode(200).body(equalTo("hello"));

        Path directory = Path.of(System.getProperty(FileStoreTestResource.DIRECTORY_PROPERTY));
        try (Stream<Path> files = Files.list(directory)) {
            assertThat(files.map(path -> path.getFileName().toString()))
                    .anyMatch(name -> name.equals("key-" + ExampleServiceFileTest.keyId(payload) + ".xml"));
        }
    }

    @Test
    void readiness_isUpOnTheFileStore() {
        when().get("/q/health/ready").then().statusCode(200)
                .body(CHECK + ".status", equalTo("UP"))
                .body(CHECK + ".data.store", containsString("file"))
                .body(CHECK + ".data.purposes", equalTo("example"));
    }
}
