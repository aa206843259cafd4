package io.quarkiverse.dataprotection.aspnetcore.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

import io.quarkiverse.dataprotection.DataProtectionException;

/**
 * Fuzzes {@link TicketSerializer#deserialize(byte[])}: whatever the bytes, nothing but a {@link DataProtectionException}
 * escapes, and a ticket that reads writes back to bytes that read as the same ticket (the canonical form: what ASP.NET
 * would write for what it read).
 * <p>
 * The MAC keeps these bytes away from anyone without the key ring, so this is robustness against a key holder's
 * mistakes, not a security boundary; it still must never throw anything else or allocate by a count it was given.
 * Under {@code mvn test} only the seeds in {@code TicketReaderFuzzTestInputs/} run; {@code JAZZER_FUZZ=1} fuzzes.
 */
class TicketReaderFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void deserialize_anyBytes_throwsNothingButDataProtectionException_andRoundTrips(byte[] data) {
        AuthenticationTicket ticket;
        try {
            ticket = TicketSerializer.deserialize(data);
        } catch (DataProtectionException expected) {
            return;
        }
        // A ticket read has no "\0" where a default is compared and no lone surrogate: it is always writable.
        assertThat(TicketSerializer.deserialize(TicketSerializer.serialize(ticket))).isEqualTo(ticket);
    }
}
