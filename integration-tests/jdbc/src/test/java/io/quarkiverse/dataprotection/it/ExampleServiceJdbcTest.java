package io.quarkiverse.dataprotection.it;

import static io.restassured.RestAssured.given;
import static io.restassured.RestAssured.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** The example service on the JDBC store, with the application's PostgreSQL datasource on a real server. */
@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = true)
class ExampleServiceJdbcTest {

    static final String DATA_PROTECTION_CHECK = "checks.find { it.name == 'data-protection' }";

    @Inject
    AgroalDataSource dataSource;

    @Test
    void protectThenUnprotect_roundTripsOverHttp() {
        String payload = protect("orders", "order #42");
        assertThat(payload).doesNotContain("order");
        assertThat(unprotect("orders", payload)).isEqualTo("order #42");
    }

    @Test
    void readiness_namesTheTableOfTheDefaultDatasource_withoutKeyMaterial() {
        when().get("/q/health/ready").then().statusCode(200)
                .body(DATA_PROTECTION_CHECK + ".status", equalTo("UP"))
                .body(DATA_PROTECTION_CHECK + ".data.store", equalTo("jdbc:DataProtectionKeys@<default>"))
                .body(DATA_PROTECTION_CHECK + ".data.keys", greaterThanOrEqualTo(1))
                .body(DATA_PROTECTION_CHECK + ".data.default-key", matchesPattern("[0-9a-f-]{36}"))
                .body(not(containsString("masterKey")));
    }

    @Test
    void aspNetKeyRowInsertedAsEfCoreDoes_isPickedUpAndUsed() {
        UUID id = UUID.randomUUID();
        Instant now = Instant.now();
        sql("INSERT INTO \"DataProtectionKeys\" (\"FriendlyName\", \"Xml\") VALUES (?, ?)", "key-" + id,
                aspNetKeyXml(id, now.minus(Duration.ofDays(3)), now, now.plus(Duration.ofDays(30))));

        awaitDefaultKey(id, Duration.ofSeconds(10));
        String payload = protect("interop", "from an ASP.NET key");
        assertThat(unprotect("interop", payload)).isEqualTo("from an ASP.NET key");
    }

    @Test
    void rowsDeletedBehindTheServicesBack_areRestoredAsTheyWere_andReadinessStaysUp() {
        String payload = protect("orders", "made before the loss");
        List<String> saved = xml();
        sql("DELETE FROM \"DataProtectionKeys\"");
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (!xml().containsAll(saved) && Instant.now().isBefore(deadline)) {
            when().get("/q/health/ready").then().statusCode(200);
            sleep(100);
        }
        assertThat(xml()).as("the rows the service had read, restored once").containsExactlyInAnyOrderElementsOf(saved);
        assertThat(unprotect("orders", payload)).isEqualTo("made before the loss");
        when().get("/q/health/ready").then().statusCode(200)
                .body(DATA_PROTECTION_CHECK + ".data.last-key-loss", notNullValue());
    }

    private List<String> xml() {
        List<String> rows = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "SELECT \"Xml\" FROM \"DataProtectionKeys\" ORDER BY \"Id\"");
                ResultSet result = statement.executeQuery()) {
            while (result.next()) {
                rows.add(result.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return rows;
    }

    private void sql(String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static String protect(String purpose, String text) {
        return given().contentType(ContentType.TEXT).body(text).post("/protect/" + purpose)
                .then().statusCode(200).extract().asString();
    }

    static String unprotect(String purpose, String payload) {
        return given().contentType(ContentType.TEXT).body(payload).post("/unprotect/" + purpose)
                .then().statusCode(200).extract().asString();
    }

    /** Waits until new payloads are protected under {@code id} (the ring refreshes every second in tests). */
    static void awaitDefaultKey(UUID id, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        UUID current;
        while (!(current = keyId(protect("probe", "x"))).equals(id)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("The default key is still " + current + ", not " + id + ", after " + timeout);
            }
            sleep(200);
        }
    }

    /** The key id of a base64url payload: bytes 4..19, a .NET GUID (first three groups little-endian). */
    static UUID keyId(String payload) {
        byte[] bytes = Base64.getUrlDecoder().decode(payload.strip());
        ByteBuffer guid = ByteBuffer.wrap(bytes, 4, 16);
        guid.order(ByteOrder.LITTLE_ENDIAN);
        long a = Integer.toUnsignedLong(guid.getInt());
        long b = Short.toUnsignedLong(guid.getShort());
        long c = Short.toUnsignedLong(guid.getShort());
        guid.order(ByteOrder.BIG_ENDIAN);
        return new UUID(a << 32 | b << 16 | c, guid.getLong());
    }

    /** A key element as ASP.NET Core 8 writes it, activating {@code activation}, later than every other key here. */
    static String aspNetKeyXml(UUID id, Instant creation, Instant activation, Instant expiration) {
        byte[] masterKey = new byte[64];
        new SecureRandom().nextBytes(masterKey);
        return "<key id=\"" + id + "\" version=\"1\">"
                + "<creationDate>" + iso(creation) + "</creationDate>"
                + "<activationDate>" + iso(activation) + "</activationDate>"
                + "<expirationDate>" + iso(expiration) + "</expirationDate>"
                + "<descriptor deserializerType=\"Microsoft.AspNetCore.DataProtection.AuthenticatedEncryption."
                + "ConfigurationModel.AuthenticatedEncryptorDescriptorDeserializer, Microsoft.AspNetCore."
                + "DataProtection, Version=8.0.0.0, Culture=neutral, PublicKeyToken=adb9793829ddae60\">"
                + "<descriptor><encryption algorithm=\"AES_256_CBC\" /><validation algorithm=\"HMACSHA256\" />"
                + "<masterKey p4:requiresEncryption=\"true\" xmlns:p4=\"http://schemas.asp.net/2015/03/dataProtection\">"
                + "<!-- Warning: the key below is in an unencrypted form. -->"
                + "<value>" + Base64.getEncoder().encodeToString(masterKey) + "</value>"
                + "</masterKey></descriptor></descriptor></key>";
    }

    private static String iso(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS).toString();
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
