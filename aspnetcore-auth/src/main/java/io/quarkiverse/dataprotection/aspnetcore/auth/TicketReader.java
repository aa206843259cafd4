package io.quarkiverse.dataprotection.aspnetcore.auth;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads format 5 (see {@link TicketSerializer}) front to back; every malformation is an {@link InvalidTicket} naming the
 * rule, never the bytes. Counts are checked against the bytes left before anything is allocated for them.
 * <p>
 * Not thread-safe; one per ticket.
 */
final class TicketReader {

    /** Actors nest without limit in ASP.NET; a bound keeps the recursion small. */
    static final int MAX_ACTOR_DEPTH = 8;
    /** The fewest bytes an identity, a claim and a key/value pair take. */
    private static final int MIN_IDENTITY = 9;
    private static final int MIN_CLAIM = 9;
    private static final int MIN_PAIR = 2;

    /** A ticket that is not format 5 as ASP.NET writes it. */
    static final class InvalidTicket extends Exception {
        private static final long serialVersionUID = 1L;

        InvalidTicket(String reason) {
            super(reason, null, false, false);
        }
    }

    private final byte[] data;
    private int position;

    TicketReader(byte[] data) {
        this.data = data;
    }

    AuthenticationTicket ticket() throws InvalidTicket {
        int version = int32();
        if (version != TicketSerializer.FORMAT_VERSION) {
            throw new InvalidTicket("ticket format " + version + " is not supported, only " + TicketSerializer.FORMAT_VERSION);
        }
        String scheme = string();
        int count = count(MIN_IDENTITY, "identity");
        List<ClaimsIdentity> identities = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            identities.add(identity(0));
        }
        AuthenticationProperties properties = properties();
        if (position != data.length) {
            throw new InvalidTicket((data.length - position) + " bytes follow the properties");
        }
        return new AuthenticationTicket(scheme, identities, properties);
    }

    private ClaimsIdentity identity(int depth) throws InvalidTicket {
        String authenticationType = string();
        String nameClaimType = stringWithDefault(ClaimTypes.NAME);
        String roleClaimType = stringWithDefault(ClaimTypes.ROLE);
        // What .NET's ClaimsIdentity constructor makes of an empty type, which "\0"-defaulted claim types then take.
        String effectiveNameType = nameClaimType.isEmpty() ? ClaimTypes.NAME : nameClaimType;
        int count = count(MIN_CLAIM, "claim");
        List<Claim> claims = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            claims.add(claim(effectiveNameType));
        }
        String bootstrap = bool() ? string() : null;
        ClaimsIdentity actor = null;
        if (bool()) {
            if (depth == MAX_ACTOR_DEPTH) {
                throw new InvalidTicket("actors nest deeper than " + MAX_ACTOR_DEPTH);
            }
            actor = identity(depth + 1);
        }
        return new ClaimsIdentity(authenticationType, nameClaimType, roleClaimType, claims, bootstrap, actor);
    }

    private Claim claim(String nameClaimType) throws InvalidTicket {
        String type = stringWithDefault(nameClaimType);
        String value = string();
        String valueType = stringWithDefault(ClaimTypes.STRING_VALUE_TYPE);
        String issuer = stringWithDefault(ClaimTypes.LOCAL_AUTHORITY);
        String originalIssuer = stringWithDefault(issuer);
        return new Claim(type, value, valueType, issuer, originalIssuer, pairs("claim property"));
    }

    private AuthenticationProperties properties() throws InvalidTicket {
        int version = int32();
        if (version != TicketSerializer.PROPERTIES_FORMAT_VERSION) {
            throw new InvalidTicket("properties format " + version + " is not supported, only "
                    + TicketSerializer.PROPERTIES_FORMAT_VERSION);
        }
        return AuthenticationProperties.of(pairs("item"));
    }

    private Map<String, String> pairs(String what) throws InvalidTicket {
        int count = count(MIN_PAIR, what);
        Map<String, String> pairs = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            String key = string();
            if (pairs.put(key, string()) != null) {
                throw new InvalidTicket("duplicate " + what + " key");
            }
        }
        return pairs;
    }

    private int count(int minBytesEach, String what) throws InvalidTicket {
        int count = int32();
        if (count < 0) {
            throw new InvalidTicket("negative " + what + " count");
        }
        if (count > (data.length - position) / minBytesEach) {
            throw new InvalidTicket(what + " count " + count + " exceeds what the remaining bytes can hold");
        }
        return count;
    }

    private String stringWithDefault(String defaultValue) throws InvalidTicket {
        String value = string();
        return value.equals(TicketSerializer.DEFAULT_PLACEHOLDER) ? defaultValue : value;
    }

    private int int32() throws InvalidTicket {
        need(4);
        int value = (data[position] & 0xFF) | (data[position + 1] & 0xFF) << 8 | (data[position + 2] & 0xFF) << 16
                | (data[position + 3] & 0xFF) << 24;
        position += 4;
        return value;
    }

    private boolean bool() throws InvalidTicket {
        need(1);
        return data[position++] != 0;
    }

    private String string() throws InvalidTicket {
        int length = sevenBitInt();
        if (length < 0) {
            throw new InvalidTicket("negative string length");
        }
        need(length);
        try {
            String value = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(data, position, length))
                    .toString();
            position += length;
            return value;
        } catch (CharacterCodingException e) {
            throw new InvalidTicket("a string is not valid UTF-8");
        }
    }

    /** .NET's {@code Read7BitEncodedInt}: at most 5 bytes, the fifth at most {@code 0x0F}. */
    private int sevenBitInt() throws InvalidTicket {
        int value = 0;
        for (int shift = 0; shift < 28; shift += 7) {
            need(1);
            int b = data[position++] & 0xFF;
            value |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        need(1);
        int last = data[position++] & 0xFF;
        if (last > 0x0F) {
            throw new InvalidTicket("a 7-bit encoded length is too long");
        }
        return value | last << 28;
    }

    private void need(int bytes) throws InvalidTicket {
        if (data.length - position < bytes) {
            throw new InvalidTicket("truncated");
        }
    }
}
