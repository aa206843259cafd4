package io.quarkiverse.dataprotection.aspnetcore.auth;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * Writes ticket bytes straight from the layout in the spec (BinaryWriter primitives), independently of
 * {@link TicketWriter}: tests build what ASP.NET would send with this and compare our reader and writer against it.
 */
final class SpecBytes {

    static final String D = "\0";
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    static SpecBytes ticket(String scheme, int identities) {
        return new SpecBytes().i32(5).str(scheme).i32(identities);
    }

    SpecBytes i32(int v) {
        out.write(v);
        out.write(v >> 8);
        out.write(v >> 16);
        out.write(v >> 24);
        return this;
    }

    SpecBytes bool(boolean v) {
        out.write(v ? 1 : 0);
        return this;
    }

    SpecBytes raw(String hex) {
        out.writeBytes(HexFormat.of().parseHex(hex));
        return this;
    }

    SpecBytes str(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        int n = b.length;
        while (n >= 0x80) {
            out.write(n & 0x7F | 0x80);
            n >>>= 7;
        }
        out.write(n);
        out.writeBytes(b);
        return this;
    }

    /** An identity header: authentication type, name and role claim types (D = default), claim count. */
    SpecBytes identity(String authenticationType, String nameType, String roleType, int claims) {
        return str(authenticationType).str(nameType).str(roleType).i32(claims);
    }

    /** A claim with every defaulted field given (D = default) and no properties. */
    SpecBytes claim(String type, String value, String valueType, String issuer, String originalIssuer) {
        return str(type).str(value).str(valueType).str(issuer).str(originalIssuer).i32(0);
    }

    /** A claim whose type is the identity's name claim type and everything else default. */
    SpecBytes nameClaim(String value) {
        return claim(D, value, D, D, D);
    }

    SpecBytes roleClaim(String value) {
        return claim(ClaimTypes.ROLE, value, D, D, D);
    }

    /** No bootstrap context, no actor. */
    SpecBytes endIdentity() {
        return bool(false).bool(false);
    }

    /** Properties format 1 with the given key/value pairs. */
    SpecBytes items(String... keyValues) {
        i32(1).i32(keyValues.length / 2);
        for (String s : keyValues) {
            str(s);
        }
        return this;
    }

    byte[] bytes() {
        return out.toByteArray();
    }
}
