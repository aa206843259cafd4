package io.quarkiverse.dataprotection.aspnetcore.auth;

/**
 * The claim types and values of .NET's {@code System.Security.Claims} that cookies use, as exact strings (they are
 * compared ordinally when a ticket is written, so one wrong character changes the bytes).
 */
public final class ClaimTypes {

    /** {@code ClaimTypes.Name}, .NET's default name claim type ({@code ClaimsIdentity.DefaultNameClaimType}). */
    public static final String NAME = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name";
    /** {@code ClaimTypes.Role}, .NET's default role claim type ({@code ClaimsIdentity.DefaultRoleClaimType}). */
    public static final String ROLE = "http://schemas.microsoft.com/ws/2008/06/identity/claims/role";
    /** {@code ClaimTypes.NameIdentifier}: ASP.NET Core Identity's user id claim. */
    public static final String NAME_IDENTIFIER = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/nameidentifier";
    /** {@code ClaimTypes.Email}. */
    public static final String EMAIL = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress";
    /** ASP.NET Core Identity's security stamp claim ({@code ClaimsIdentityOptions.SecurityStampClaimType}). */
    public static final String SECURITY_STAMP = "AspNet.Identity.SecurityStamp";
    /** {@code ClaimValueTypes.String}, the default value type of a claim. */
    public static final String STRING_VALUE_TYPE = "http://www.w3.org/2001/XMLSchema#string";
    /** {@code ClaimsIdentity.DefaultIssuer}, the default issuer of a claim. */
    public static final String LOCAL_AUTHORITY = "LOCAL AUTHORITY";

    private ClaimTypes() {
    }
}
