package io.quarkiverse.dataprotection.aspnetcore.auth;

import static io.quarkiverse.dataprotection.aspnetcore.auth.SpecBytes.D;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bytes as ASP.NET writes them (built from the spec by {@link SpecBytes}) read into what .NET would read and are
 * written back to exactly the same bytes: every default marker and every non-default field.
 */
class TicketSerializerRoundTripTest {

    record Case(String name, byte[] bytes, AuthenticationTicket expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                new Case("custom name claim type shortens its own claims, writes ClaimTypes.Name in full",
                        SpecBytes.ticket("oidc", 1).identity("oidc", "name", "roles", 2).claim(D, "jdoe", D, D, D)
                                .claim(ClaimTypes.NAME, "full", D, D, D).endIdentity().items().bytes(),
                        ticket("oidc", new ClaimsIdentity("oidc", "name", "roles",
                                List.of(Claim.of("name", "jdoe"), Claim.of(ClaimTypes.NAME, "full")), null, null))),
                new Case("non-default issuer, original issuer equal to it",
                        SpecBytes.ticket("Cookies", 1).identity("Cookies", D, D, 1)
                                .claim(D, "jdoe", D, "https://login.example", D).endIdentity().items().bytes(),
                        ticket("Cookies", ClaimsIdentity.of("Cookies",
                                List.of(Claim.of(ClaimTypes.NAME, "jdoe").withIssuer("https://login.example"))))),
                new Case("original issuer differs, value type not string",
                        SpecBytes.ticket("Cookies", 1).identity("Cookies", D, D, 1)
                                .claim("age", "42", "http://www.w3.org/2001/XMLSchema#integer", "b", "a").endIdentity()
                                .items().bytes(),
                        ticket("Cookies", ClaimsIdentity.of("Cookies", List.of(
                                new Claim("age", "42", "http://www.w3.org/2001/XMLSchema#integer", "b", "a", null))))),
                new Case("empty authentication type stays empty (anonymous), empty claim type stays empty",
                        SpecBytes.ticket("Cookies", 1).identity("", D, D, 1).claim("", "v", D, D, D).endIdentity().items()
                                .bytes(),
                        ticket("Cookies", ClaimsIdentity.of("", List.of(Claim.of("", "v"))))),
                new Case("bootstrap context and a two-level actor",
                        SpecBytes.ticket("Cookies", 1).identity("Cookies", D, D, 1).nameClaim("svc").bool(true).str("token")
                                .bool(true).identity("actor", D, D, 1).nameClaim("alice").bool(false).bool(true)
                                .identity("actor2", "n", D, 0).endIdentity().items().bytes(),
                        ticket("Cookies", new ClaimsIdentity("Cookies", null, null, List.of(Claim.of(ClaimTypes.NAME, "svc")),
                                "token", new ClaimsIdentity("actor", null, null, List.of(Claim.of(ClaimTypes.NAME, "alice")),
                                        null, new ClaimsIdentity("actor2", "n", null, List.of(), null, null))))),
                new Case("two identities, persistent, refresh, tokens and unknown items in order",
                        SpecBytes.ticket("Cookies", 2).identity("Cookies", D, D, 1).nameClaim("a").endIdentity()
                                .identity("Other", D, D, 1).roleClaim("r").endIdentity()
                                .items(".persistent", "", ".refresh", "False", ".Token.access_token", "x", ".TokenNames",
                                        "access_token", "DbscSessionId", "s", ".issued", "Wed, 01 Jan 2025 00:00:00 GMT")
                                .bytes(),
                        new AuthenticationTicket("Cookies", List.of(
                                ClaimsIdentity.of("Cookies", List.of(Claim.of(ClaimTypes.NAME, "a"))),
                                ClaimsIdentity.of("Other", List.of(Claim.of(ClaimTypes.ROLE, "r")))),
                                AuthenticationProperties
                                        .of(linked(".persistent", "", ".refresh", "False", ".Token.access_token",
                                                "x", ".TokenNames", "access_token", "DbscSessionId", "s", ".issued",
                                                "Wed, 01 Jan 2025 00:00:00 GMT")))),
                new Case("non-ASCII strings and a claim longer than 127 bytes",
                        SpecBytes.ticket("Cookies", 1).identity("Cookies", D, D, 1).nameClaim("é☃🔑" + "y".repeat(300))
                                .endIdentity().items().bytes(),
                        ticket("Cookies", ClaimsIdentity.of("Cookies",
                                List.of(Claim.of(ClaimTypes.NAME, "é☃🔑" + "y".repeat(300)))))))
                .map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aspNetBytes_readAsDotNetDoes_andWriteBackIdentically(Case c) {
        AuthenticationTicket read = TicketSerializer.deserialize(c.bytes());

        assertThat(read).isEqualTo(c.expected());
        assertThat(HexFormat.of().formatHex(TicketSerializer.serialize(read))).isEqualTo(HexFormat.of().formatHex(c.bytes()));
    }

    @org.junit.jupiter.api.Test
    void emptyDefaultedFields_readAsTheirDefaults_likeDotNetConstructors() {
        byte[] bytes = SpecBytes.ticket("Cookies", 1).identity("Cookies", "", "", 1).claim(D, "jdoe", "", "", "").endIdentity()
                .items().bytes();

        AuthenticationTicket read = TicketSerializer.deserialize(bytes);

        ClaimsIdentity identity = read.identities().get(0);
        assertThat(identity.nameClaimType()).isEqualTo(ClaimTypes.NAME);
        assertThat(identity.roleClaimType()).isEqualTo(ClaimTypes.ROLE);
        assertThat(identity.claims().get(0)).isEqualTo(Claim.of(ClaimTypes.NAME, "jdoe"));
        // Written the way ASP.NET would write what it read: with "\0" markers.
        assertThat(TicketSerializer.serialize(read)).isEqualTo(SpecBytes.ticket("Cookies", 1).identity("Cookies", D, D, 1)
                .nameClaim("jdoe").endIdentity().items().bytes());
    }

    static AuthenticationTicket ticket(String scheme, ClaimsIdentity identity) {
        return new AuthenticationTicket(scheme, List.of(identity), AuthenticationProperties.empty());
    }

    static Map<String, String> linked(String... keyValues) {
        Map<String, String> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put(keyValues[i], keyValues[i + 1]);
        }
        return map;
    }
}
