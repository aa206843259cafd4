package io.quarkiverse.dataprotection.aspnetcore.auth;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Writes format 5 (see {@link TicketSerializer}) as .NET's {@code BinaryWriter} under ASP.NET's
 * {@code TicketSerializer} does.
 * <p>
 * Not thread-safe; one per ticket.
 */
final class TicketWriter {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream(512);

    byte[] ticket(AuthenticationTicket ticket) {
        int32(TicketSerializer.FORMAT_VERSION);
        string(ticket.authenticationScheme());
        int32(ticket.identities().size());
        ticket.identities().forEach(identity -> identity(identity, 0));
        int32(TicketSerializer.PROPERTIES_FORMAT_VERSION);
        pairs(ticket.properties().items());
        return out.toByteArray();
    }

    private void identity(ClaimsIdentity identity, int depth) {
        if (depth > TicketReader.MAX_ACTOR_DEPTH) {
            throw new IllegalArgumentException("Actors nest deeper than " + TicketReader.MAX_ACTOR_DEPTH
                    + "; a ticket with deeper actors would be refused when read back");
        }
        string(identity.authenticationType());
        stringWithDefault(identity.nameClaimType(), ClaimTypes.NAME, "name claim type");
        stringWithDefault(identity.roleClaimType(), ClaimTypes.ROLE, "role claim type");
        int32(identity.claims().size());
        for (Claim claim : identity.claims()) {
            stringWithDefault(claim.type(), identity.nameClaimType(), "claim type");
            string(claim.value());
            stringWithDefault(claim.valueType(), ClaimTypes.STRING_VALUE_TYPE, "claim value type");
            stringWithDefault(claim.issuer(), ClaimTypes.LOCAL_AUTHORITY, "claim issuer");
            stringWithDefault(claim.originalIssuer(), claim.issuer(), "claim original issuer");
            pairs(claim.properties());
        }
        bool(identity.bootstrapContext() != null);
        if (identity.bootstrapContext() != null) {
            string(identity.bootstrapContext());
        }
        bool(identity.actor() != null);
        if (identity.actor() != null) {
            identity(identity.actor(), depth + 1);
        }
    }

    private void pairs(Map<String, String> pairs) {
        int32(pairs.size());
        pairs.forEach((key, value) -> {
            string(key);
            string(value);
        });
    }

    /** ASP.NET's {@code WriteWithDefault}: {@code "\0"} when the value equals the default, ordinally. */
    private void stringWithDefault(String value, String defaultValue, String what) {
        if (value.equals(TicketSerializer.DEFAULT_PLACEHOLDER)) {
            throw new IllegalArgumentException("A " + what + " of \"\\0\" cannot be written: ASP.NET reads it as the default");
        }
        string(value.equals(defaultValue) ? TicketSerializer.DEFAULT_PLACEHOLDER : value);
    }

    private void string(String value) {
        ByteBuffer bytes;
        try {
            bytes = StandardCharsets.UTF_8.newEncoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).encode(CharBuffer.wrap(value));
        } catch (CharacterCodingException e) {
            // String.getBytes would write '?' where .NET writes U+FFFD (or throws): never equal, so refuse.
            throw new IllegalArgumentException("A ticket string is not valid UTF-16 (it has a lone surrogate)");
        }
        int length = bytes.remaining();
        while (length >= 0x80) {
            out.write(length & 0x7F | 0x80);
            length >>>= 7;
        }
        out.write(length);
        out.write(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining());
    }

    private void int32(int value) {
        out.write(value);
        out.write(value >>> 8);
        out.write(value >>> 16);
        out.write(value >>> 24);
    }

    private void bool(boolean value) {
        out.write(value ? 1 : 0);
    }
}
