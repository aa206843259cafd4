package io.quarkiverse.dataprotection.aspnetcore.auth;

import static io.quarkiverse.dataprotection.aspnetcore.auth.SpecBytes.D;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkiverse.dataprotection.DataProtectionException;

/** Everything that is not one format 5 ticket as ASP.NET writes it is refused, with DataProtectionException only. */
class TicketSerializerRefusalTest {

    static final byte[] EXAMPLE = HexFormat.of().parseHex(TicketSerializerWorkedExampleTest.WORKED_EXAMPLE);

    @Test
    void format4_isRefused() {
        byte[] bytes = EXAMPLE.clone();
        bytes[0] = 4;

        assertRefused(bytes, "ticket format 4 is not supported");
    }

    @Test
    void everyTruncation_isRefused() {
        for (int length = 0; length < EXAMPLE.length; length++) {
            assertRefused(Arrays.copyOf(EXAMPLE, length), "");
        }
    }

    @Test
    void trailingBytes_areRefused() {
        assertRefused(Arrays.copyOf(EXAMPLE, EXAMPLE.length + 1), "1 bytes follow the properties");
    }

    @Test
    void propertiesFormat2_isRefused() {
        assertRefused(SpecBytes.ticket("C", 0).i32(2).i32(0).bytes(), "properties format 2");
    }

    @Test
    void oversizedCounts_areRefusedBeforeAllocating() {
        assertRefused(SpecBytes.ticket("C", Integer.MAX_VALUE).bytes(), "identity count");
        assertRefused(SpecBytes.ticket("C", 1).identity("C", D, D, 100_000).bytes(), "claim count");
        assertRefused(SpecBytes.ticket("C", 1).identity("C", D, D, 1).str(D).str("v").str(D).str(D).str(D).i32(1 << 30)
                .bytes(), "claim property count");
        assertRefused(SpecBytes.ticket("C", 0).i32(1).i32(Integer.MAX_VALUE).bytes(), "item count");
    }

    @Test
    void negativeCounts_areRefused() {
        assertRefused(SpecBytes.ticket("C", -1).bytes(), "negative identity count");
        assertRefused(SpecBytes.ticket("C", 1).identity("C", D, D, -1).bytes(), "negative claim count");
        assertRefused(SpecBytes.ticket("C", 0).i32(1).i32(-1).bytes(), "negative item count");
    }

    @Test
    void duplicateKeys_areRefused() {
        assertRefused(SpecBytes.ticket("C", 0).items("a", "1", "a", "2").bytes(), "duplicate item key");
        assertRefused(SpecBytes.ticket("C", 1).identity("C", D, D, 1).str(D).str("v").str(D).str(D).str(D).i32(2)
                .str("k").str("1").str("k").str("2").endIdentity().items().bytes(), "duplicate claim property key");
    }

    @Test
    void badStrings_areRefused() {
        assertRefused(new SpecBytes().i32(5).raw("02c328").i32(0).items().bytes(), "not valid UTF-8");
        assertRefused(new SpecBytes().i32(5).raw("ffffffff10").bytes(), "too long");
        assertRefused(new SpecBytes().i32(5).raw("ffffffff0f").bytes(), "negative string length");
        assertRefused(new SpecBytes().i32(5).raw("05616263").bytes(), "truncated");
    }

    @Test
    void actorsNestedDeeperThan8_areRefused() {
        SpecBytes bytes = SpecBytes.ticket("C", 1);
        for (int depth = 0; depth <= TicketReader.MAX_ACTOR_DEPTH + 1; depth++) {
            bytes.identity("C", D, D, 0).bool(false).bool(depth <= TicketReader.MAX_ACTOR_DEPTH);
        }

        assertRefused(bytes.items().bytes(), "actors nest deeper than 8");
    }

    @Test
    void actorsNested8Deep_areRead() {
        SpecBytes bytes = SpecBytes.ticket("C", 1);
        for (int depth = 0; depth <= TicketReader.MAX_ACTOR_DEPTH; depth++) {
            bytes.identity("C", D, D, 0).bool(false).bool(depth < TicketReader.MAX_ACTOR_DEPTH);
        }

        assertThat(TicketSerializer.deserialize(bytes.items().bytes()).identities()).hasSize(1);
    }

    @Test
    void unrepresentableStrings_areRefusedWhenWriting() {
        AuthenticationTicket nulType = new AuthenticationTicket("C",
                List.of(ClaimsIdentity.of("C", List.of(Claim.of("\0", "v")))), null);
        AuthenticationTicket loneSurrogate = new AuthenticationTicket("C\uD800", List.of(), null);

        assertThatThrownBy(() -> TicketSerializer.serialize(nulType)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("claim type of \"\\0\"");
        assertThatThrownBy(() -> TicketSerializer.serialize(loneSurrogate)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lone surrogate");
    }

    static void assertRefused(byte[] bytes, String reason) {
        assertThatThrownBy(() -> TicketSerializer.deserialize(bytes)).isExactlyInstanceOf(DataProtectionException.class)
                .hasMessageStartingWith("Invalid authentication ticket: ").hasMessageContaining(reason);
    }
}
