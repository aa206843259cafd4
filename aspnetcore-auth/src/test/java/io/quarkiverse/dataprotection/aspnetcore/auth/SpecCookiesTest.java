package io.quarkiverse.dataprotection.aspnetcore.auth;

import static io.quarkiverse.dataprotection.aspnetcore.auth.AspNetKeyRing.NOW;
import static io.quarkiverse.dataprotection.aspnetcore.auth.SpecBytes.D;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkiverse.dataprotection.aspnetcore.auth.CookieAuthenticationResult.Outcome;

/**
 * Cookies built from the spec (ticket bytes by {@link SpecBytes}, protected as ASP.NET does under an ASP.NET-format key),
 * read by our side: each authenticates, or not, with the principal, roles and claims ASP.NET would see.
 */
class SpecCookiesTest {

    static final AspNetKeyRing RING = new AspNetKeyRing();
    static final TicketProtector OURS = TicketProtector.forCookieScheme(RING.provider(AspNetKeyRing.APP), "Cookies");
    static final CookieAuthenticator READER = new CookieAuthenticator(OURS, "Cookies", true, null, null);

    static String date(Duration fromNow) {
        return NetDates.format(NOW.plus(fromNow));
    }

    static byte[] plainTicket(String issued, String expires) {
        return SpecBytes.ticket("Cookies", 1).identity("Cookies", D, D, 1).nameClaim("jdoe").endIdentity()
                .items(".issued", issued, ".expires", expires).bytes();
    }

    static String cookie(byte[] ticketBytes) {
        return RING.aspNetCookie("Cookies", ticketBytes);
    }

    @Test
    void plainCookie_authenticatesAsItsNameClaim_notDueForRenewal() {
        CookieAuthenticationResult result = READER.authenticate(cookie(plainTicket(date(Duration.ofHours(-1)),
                date(Duration.ofDays(14)))), NOW);

        assertThat(result.outcome()).isEqualTo(Outcome.SUCCESS);
        assertThat(result.ticket().isAuthenticated()).isTrue();
        assertThat(result.ticket().primaryIdentity().orElseThrow().name()).contains("jdoe");
        assertThat(result.ticket().roles()).isEmpty();
        assertThat(result.renewalTicket()).isEmpty();
        assertThat(TicketProtector.keyId(cookie(plainTicket("", "")))).contains(UUID.fromString(AspNetKeyRing.KEY_ID));
    }

    @Test
    void rolesCookie_hasTheRolesOfEveryIdentitysOwnRoleClaimType() {
        byte[] bytes = SpecBytes.ticket("Cookies", 1).identity("Cookies", D, D, 4).nameClaim("jdoe").roleClaim("admin")
                .claim("http://SCHEMAS.microsoft.com/ws/2008/06/identity/claims/ROLE", "Ops", D, D, D)
                .claim("role", "not-a-role-here", D, D, D).endIdentity().items().bytes();

        CookieAuthenticationResult result = READER.authenticate(cookie(bytes), NOW);

        assertThat(result.ticket().roles()).containsExactly("admin", "Ops");
    }

    @Test
    void actorCookie_keepsTheActor_whoseRolesDoNotCount() {
        byte[] bytes = SpecBytes.ticket("Cookies", 1).identity("Cookies", D, D, 1).nameClaim("support-bot").bool(false)
                .bool(true).identity("Delegation", D, D, 2).nameClaim("alice").roleClaim("admin").endIdentity().items()
                .bytes();

        AuthenticationTicket ticket = READER.authenticate(cookie(bytes), NOW).ticket();

        assertThat(ticket.primaryIdentity().orElseThrow().name()).contains("support-bot");
        assertThat(ticket.primaryIdentity().orElseThrow().actor().name()).contains("alice");
        assertThat(ticket.roles()).isEmpty();
    }

    @Test
    void expiredCookie_isRefused_butValidAtItsExactExpiry() {
        assertThat(READER.authenticate(cookie(plainTicket(date(Duration.ofDays(-15)), date(Duration.ofSeconds(-1)))), NOW)
                .outcome()).isEqualTo(Outcome.EXPIRED);
        assertThat(READER.authenticate(cookie(plainTicket(date(Duration.ofDays(-14)), date(Duration.ZERO))), NOW)
                .outcome()).isEqualTo(Outcome.SUCCESS);
    }

    @Test
    void nonDefaultIssuer_isKeptOnTheClaims() {
        byte[] bytes = SpecBytes.ticket("Cookies", 1).identity("Cookies", D, D, 2).claim(D, "jdoe", D, "https://idp", D)
                .claim(ClaimTypes.EMAIL, "j@example.com", D, "https://idp", "https://upstream").endIdentity().items().bytes();

        List<Claim> claims = READER.authenticate(cookie(bytes), NOW).ticket().identities().get(0).claims();

        assertThat(claims).containsExactly(new Claim(ClaimTypes.NAME, "jdoe", null, "https://idp", "https://idp", null),
                new Claim(ClaimTypes.EMAIL, "j@example.com", null, "https://idp", "https://upstream", null));
    }

    @Test
    void twoIdentities_nameFromTheFirst_rolesFromBoth() {
        byte[] bytes = SpecBytes.ticket("Cookies", 2).identity("Cookies", D, D, 2).nameClaim("jdoe").roleClaim("user")
                .endIdentity().identity("Partner", "sub", "groups", 2).nameClaim("p-17").claim("groups", "partners", D, D, D)
                .endIdentity().items().bytes();

        AuthenticationTicket ticket = READER.authenticate(cookie(bytes), NOW).ticket();

        assertThat(ticket.primaryIdentity().orElseThrow().name()).contains("jdoe");
        assertThat(ticket.identities().get(1).name()).contains("p-17");
        assertThat(ticket.roles()).containsExactly("user", "partners");
    }

    @Test
    void chunkedIn2And3Parts_isReassembledAndAuthenticates() {
        String value = cookie(plainTicket(date(Duration.ofHours(-1)), date(Duration.ofDays(1))));
        ChunkingCookieManager chunking = new ChunkingCookieManager(ChunkingCookieManager.DEFAULT_CHUNK_SIZE);
        for (int parts : new int[] { 2, 3 }) {
            int size = (value.length() + parts - 1) / parts;
            StringBuilder header = new StringBuilder(".AspNetCore.Cookies=chunks-" + parts);
            for (int i = 0; i < parts; i++) {
                header.append("; .AspNetCore.CookiesC").append(i + 1).append('=')
                        .append(value, i * size, Math.min(value.length(), (i + 1) * size));
            }
            String reassembled = chunking.requestCookie(RequestCookies.parse(List.of(header.toString())), ".AspNetCore.Cookies")
                    .orElseThrow();

            assertThat(READER.authenticate(reassembled, NOW).ticket().primaryIdentity().orElseThrow().name()).contains("jdoe");
        }
    }

    @Test
    void chunkedWithOneChunkMissing_isNoCookie() {
        String value = cookie(plainTicket(date(Duration.ofHours(-1)), date(Duration.ofDays(1))));
        int half = value.length() / 2;
        String header = ".AspNetCore.Cookies=chunks-3; .AspNetCore.CookiesC1=" + value.substring(0, half)
                + "; .AspNetCore.CookiesC3=" + value.substring(half);

        assertThat(new ChunkingCookieManager(4050).requestCookie(RequestCookies.parse(List.of(header)), ".AspNetCore.Cookies"))
                .isEmpty();
    }

    @Test
    void dueForSlidingRenewal_renewsTheTicketAsRead_onlyTheDatesChange() {
        SpecBytes common = SpecBytes.ticket("Cookies", 1).identity("Cookies", D, D, 1).nameClaim("jdoe").bool(true)
                .str("bootstrap").bool(false);
        byte[] bytes = common.items(".persistent", "", ".issued", date(Duration.ofMinutes(-8)), ".Token.x", "t",
                ".expires", date(Duration.ofMinutes(2))).bytes();
        byte[] expected = SpecBytes.ticket("Cookies", 1).identity("Cookies", D, D, 1).nameClaim("jdoe").bool(true)
                .str("bootstrap").bool(false).items(".persistent", "", ".issued", date(Duration.ZERO), ".Token.x", "t",
                        ".expires", date(Duration.ofMinutes(10)))
                .bytes();

        CookieAuthenticationResult result = READER.authenticate(cookie(bytes), NOW);
        String renewed = READER.renewalCookieValue(result.renewalTicket().orElseThrow(), result.sessionKey());

        assertThat(HexFormat.of().formatHex(RING.aspNetUnprotect("Cookies", renewed)))
                .isEqualTo(HexFormat.of().formatHex(expected));
        assertThat(READER.authenticate(cookie(plainTicket(date(Duration.ofMinutes(-4)), date(Duration.ofMinutes(6)))), NOW)
                .renewalTicket()).as("less than half the window elapsed").isEmpty();
        assertThat(new CookieAuthenticator(OURS, "Cookies", false, null, null).authenticate(cookie(bytes), NOW)
                .renewalTicket()).as("sliding expiration off").isEmpty();
        byte[] noRefresh = SpecBytes.ticket("Cookies", 0).items(".refresh", "False", ".issued", date(Duration.ofMinutes(-8)),
                ".expires", date(Duration.ofMinutes(2))).bytes();
        assertThat(READER.authenticate(cookie(noRefresh), NOW).renewalTicket()).as(".refresh False").isEmpty();
    }

    @Test
    void sessionStoreVariant_readsTheStoredTicket_andWithoutTheStoreIsAnonymous() {
        MapTicketStore store = new MapTicketStore();
        AuthenticationTicket stored = TicketSerializer
                .deserialize(plainTicket(date(Duration.ofHours(-1)), date(Duration.ofDays(1))));
        store.renew("session-1", stored);
        byte[] stub = SpecBytes.ticket("Cookies", 1).identity("", D, D, 1)
                .claim(SessionTickets.SESSION_ID_CLAIM, "session-1", D, D, D).endIdentity().items().bytes();
        CookieAuthenticator withStore = new CookieAuthenticator(OURS, "Cookies", true, store, null);

        CookieAuthenticationResult result = withStore.authenticate(cookie(stub), NOW);

        assertThat(result.outcome()).isEqualTo(Outcome.SUCCESS);
        assertThat(result.sessionKey()).isEqualTo("session-1");
        assertThat(result.ticket()).isEqualTo(stored);
        assertThat(READER.authenticate(cookie(stub), NOW).ticket().isAuthenticated()).isFalse();
        assertThat(withStore.authenticate(cookie(plainTicket("", "")), NOW).outcome()).isEqualTo(Outcome.SESSION_ID_MISSING);
        store.remove("session-1");
        assertThat(withStore.authenticate(cookie(stub), NOW).outcome()).isEqualTo(Outcome.SESSION_MISSING);
    }

    @Test
    void sessionStoreVariant_signInWritesTheSpecStub_expiredStoredTicketIsRemoved() {
        MapTicketStore store = new MapTicketStore();
        CookieAuthenticator withStore = new CookieAuthenticator(OURS, "Cookies", true, store, null);
        AuthenticationTicket expired = TicketSerializer
                .deserialize(plainTicket(date(Duration.ofDays(-2)), date(Duration.ofDays(-1))));

        String cookie = withStore.signInCookieValue(expired, null);

        String key = store.keys().get(0);
        assertThat(RING.aspNetUnprotect("Cookies", cookie)).isEqualTo(SpecBytes.ticket("Cookies", 1).identity("", D, D, 1)
                .claim(SessionTickets.SESSION_ID_CLAIM, key, D, D, D).endIdentity().items().bytes());
        assertThat(withStore.authenticate(cookie, NOW).outcome()).isEqualTo(Outcome.EXPIRED);
        assertThat(store.keys()).isEmpty();
    }

    @Test
    void wrongScheme_wrongApplication_tampered_areUnprotectFailures() {
        String good = cookie(plainTicket("", ""));
        char[] tampered = good.toCharArray();
        tampered[good.length() / 2] = tampered[good.length() / 2] == 'A' ? 'B' : 'A';
        TicketProtector otherApp = TicketProtector.forCookieScheme(RING.provider("OtherApp"), "Cookies");

        assertThat(new CookieAuthenticator(
                TicketProtector.forCookieScheme(RING.provider(AspNetKeyRing.APP), "Identity.Application"),
                "Identity.Application", true, null, null).authenticate(good, NOW).outcome())
                .isEqualTo(Outcome.UNPROTECT_FAILED);
        assertThat(new CookieAuthenticator(otherApp, "Cookies", true, null, null).authenticate(good, NOW).outcome())
                .isEqualTo(Outcome.UNPROTECT_FAILED);
        assertThat(READER.authenticate(new String(tampered), NOW).outcome()).isEqualTo(Outcome.UNPROTECT_FAILED);
        assertThat(READER.authenticate("chunks-2", NOW).outcome()).isEqualTo(Outcome.UNPROTECT_FAILED);
        assertThat(READER.authenticate(cookie(new byte[] { 4, 0, 0, 0 }), NOW).outcome()).isEqualTo(Outcome.UNPROTECT_FAILED);
    }

    @Test
    void ourCookie_isWhatAspNetUnprotectsToTheSpecBytes() {
        AuthenticationTicket ticket = TicketSerializerWorkedExampleTest.workedExampleTicket();

        String ours = OURS.protect(ticket);

        assertThat(ours).startsWith("CfDJ8");
        assertThat(HexFormat.of().formatHex(RING.aspNetUnprotect("Cookies", ours)))
                .isEqualTo(TicketSerializerWorkedExampleTest.WORKED_EXAMPLE);
    }

    /** A ticket store in a map, for the session-store variant. */
    static final class MapTicketStore implements TicketStore {
        private final java.util.Map<String, AuthenticationTicket> tickets = new java.util.concurrent.ConcurrentHashMap<>();

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

        List<String> keys() {
            return List.copyOf(tickets.keySet());
        }
    }

}
