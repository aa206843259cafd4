package io.quarkiverse.dataprotection.aspnetcore.auth;

import org.jboss.logging.Logger;

import io.quarkiverse.dataprotection.DataProtectionException;

/**
 * ASP.NET Core's {@code TicketSerializer} (ticket format 5, properties format 1), byte for byte.
 *
 * <pre>
 * ticket     := int32 5 | string scheme | int32 n | identity × n | properties
 * identity   := string authenticationType | stringD nameClaimType | stringD roleClaimType | int32 n | claim × n
 *               | bool hasBootstrap [string bootstrap] | bool hasActor [identity actor]
 * claim      := stringD type (default: the identity's name claim type) | string value
 *               | stringD valueType | stringD issuer | stringD originalIssuer (default: the issuer)
 *               | int32 n | (string key, string value) × n
 * properties := int32 1 | int32 n | (string key, string value) × n
 * </pre>
 *
 * {@code int32} is little-endian; {@code string} is the UTF-8 byte count as a 7-bit encoded int, then the bytes;
 * {@code bool} is one byte; {@code stringD} is a string that is {@code "\0"} when it equals its default.
 * <p>
 * Reading is stricter than ASP.NET where ASP.NET would accept bytes it never writes: besides a format other than 5,
 * truncation, bad lengths and duplicate keys (which ASP.NET refuses too), it refuses properties in a format other than
 * 1 (ASP.NET reads them as empty: a ticket without expiry), bytes after the properties (ASP.NET ignores them), invalid
 * UTF-8 (ASP.NET substitutes U+FFFD), counts larger than the bytes left, and actors nested deeper than 8. Every refusal
 * is a {@link DataProtectionException} whose message names the rule, never the bytes.
 * <p>
 * Writing refuses (with {@link IllegalArgumentException}) what ASP.NET could not read back as written: a defaulted
 * field equal to {@code "\0"}, a lone surrogate.
 * <p>
 * Thread-safe (stateless).
 */
public final class TicketSerializer {

    static final int FORMAT_VERSION = 5;
    static final int PROPERTIES_FORMAT_VERSION = 1;
    static final String DEFAULT_PLACEHOLDER = "\0";

    private static final Logger LOG = Logger.getLogger(TicketSerializer.class);

    private TicketSerializer() {
    }

    /**
     * The format 5 bytes of {@code ticket}.
     *
     * @throws IllegalArgumentException when a string cannot be represented (see the class comment)
     */
    public static byte[] serialize(AuthenticationTicket ticket) {
        return new TicketWriter().ticket(ticket);
    }

    /**
     * The ticket in {@code data}.
     *
     * @throws DataProtectionException when {@code data} is not exactly one format 5 ticket
     */
    public static AuthenticationTicket deserialize(byte[] data) {
        try {
            return new TicketReader(data).ticket();
        } catch (TicketReader.InvalidTicket e) {
            LOG.debugf("Authentication ticket refused: %s", e.getMessage());
            throw new DataProtectionException("Invalid authentication ticket: " + e.getMessage());
        }
    }
}
