package io.quarkiverse.dataprotection.aspnetcore.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The byte-level examples of the spec (aspnetcore-auth-cookie.md §3.5), literal hex against our reader and writer. */
class TicketSerializerWorkedExampleTest {

    static final String WORKED_EXAMPLE = "0500000007436f6f6b6965730100000007436f6f6b69657301000100020000000100046a646f65010001000100000000003c"
            + "687474703a2f2f736368656d61732e6d6963726f736f66742e636f6d2f77732f323030382f30362f6964656e746974792f63"
            + "6c61696d732f726f6c650561646d696e0100010001000000000000000100000002000000072e6973737565641d5765642c20"
            + "3031204a616e20323032352030303a30303a303020474d54082e657870697265731d5765642c203135204a616e2032303235"
            + "2030303a30303a303020474d54";

    static AuthenticationTicket workedExampleTicket() {
        return new AuthenticationTicket("Cookies",
                List.of(ClaimsIdentity.of("Cookies",
                        List.of(Claim.of(ClaimTypes.NAME, "jdoe"), Claim.of(ClaimTypes.ROLE, "admin")))),
                AuthenticationProperties.empty().withIssuedAndExpires(Instant.parse("2025-01-01T00:00:00Z"),
                        Instant.parse("2025-01-15T00:00:00Z")));
    }

    @Test
    void workedExample_serializesToExactlyTheSpecBytes() {
        byte[] bytes = TicketSerializer.serialize(workedExampleTicket());

        assertThat(bytes).hasSize(213);
        assertThat(HexFormat.of().formatHex(bytes)).isEqualTo(WORKED_EXAMPLE);
    }

    @Test
    void workedExample_readsAsTheSpecDescribesIt() {
        AuthenticationTicket ticket = TicketSerializer.deserialize(HexFormat.of().parseHex(WORKED_EXAMPLE));

        assertThat(ticket).isEqualTo(workedExampleTicket());
        ClaimsIdentity identity = ticket.primaryIdentity().orElseThrow();
        assertThat(identity.name()).contains("jdoe");
        assertThat(ticket.roles()).containsExactly("admin");
        assertThat(ticket.isAuthenticated()).isTrue();
        assertThat(identity.claims()).allSatisfy(claim -> {
            assertThat(claim.valueType()).isEqualTo(ClaimTypes.STRING_VALUE_TYPE);
            assertThat(claim.issuer()).isEqualTo(ClaimTypes.LOCAL_AUTHORITY);
            assertThat(claim.originalIssuer()).isEqualTo(ClaimTypes.LOCAL_AUTHORITY);
        });
        assertThat(ticket.properties().issuedUtc()).contains(Instant.parse("2025-01-01T00:00:00Z"));
        assertThat(ticket.properties().expiresUtc()).contains(Instant.parse("2025-01-15T00:00:00Z"));
        assertThat(ticket.properties().isPersistent()).isFalse();
    }

    @Test
    void emptyPrincipalWithRedirect_isTheSpecLayout() {
        String hex = "05000000" + "05" + "48656c6c6f" + "00000000" + "01000000" + "01000000" + "09" + "2e7265646972656374"
                + "03" + "627965";
        AuthenticationTicket ticket = new AuthenticationTicket("Hello", List.of(),
                AuthenticationProperties.empty().with(AuthenticationProperties.REDIRECT, "bye"));

        assertThat(HexFormat.of().formatHex(TicketSerializer.serialize(ticket))).isEqualTo(hex);
        AuthenticationTicket read = TicketSerializer.deserialize(HexFormat.of().parseHex(hex));
        assertThat(read.identities()).isEmpty();
        assertThat(read.properties().redirectUri()).contains("bye");
        assertThat(read.isAuthenticated()).isFalse();
    }

    @Test
    void claimWithNothingDefault_isTheSpecLayout() {
        String claimHex = "04747970650576616c75650976616c75655479706506697373756572" + "0f6f726967696e616c2d697373756572"
                + "02000000" + "0a70726f70657274792d31" + "0e70726f70657274792d76616c7565" + "0a70726f70657274792d32" + "00";
        Map<String, String> properties = new java.util.LinkedHashMap<>();
        properties.put("property-1", "property-value");
        properties.put("property-2", null);
        Claim claim = new Claim("type", "value", "valueType", "issuer", "original-issuer", properties);
        AuthenticationTicket ticket = new AuthenticationTicket("Cookies",
                List.of(ClaimsIdentity.of("misc", List.of(claim))), AuthenticationProperties.empty());
        String expected = HexFormat.of().formatHex(SpecBytes.ticket("Cookies", 1)
                .identity("misc", SpecBytes.D, SpecBytes.D, 1).raw(claimHex).endIdentity().items().bytes());

        assertThat(HexFormat.of().formatHex(TicketSerializer.serialize(ticket))).isEqualTo(expected).contains(claimHex);
        Claim read = TicketSerializer.deserialize(HexFormat.of().parseHex(expected)).identities().get(0).claims().get(0);
        assertThat(read).isEqualTo(claim);
        assertThat(read.properties()).containsExactly(Map.entry("property-1", "property-value"), Map.entry("property-2", ""));
    }

    @Test
    void stringLengths_countUtf8BytesIn7BitInts() {
        AuthenticationTicket ticket = new AuthenticationTicket("é☃🔑", List.of(), AuthenticationProperties.empty());

        assertThat(HexFormat.of().formatHex(TicketSerializer.serialize(ticket)))
                .startsWith("05000000" + "09c3a9e29883f09f9491");
        String long200 = "x".repeat(200);
        byte[] withLong = TicketSerializer.serialize(new AuthenticationTicket(long200, List.of(), null));
        assertThat(HexFormat.of().formatHex(withLong, 4, 6)).isEqualTo("c801");
        assertThat(TicketSerializer.deserialize(withLong).authenticationScheme()).isEqualTo(long200);
    }
}
