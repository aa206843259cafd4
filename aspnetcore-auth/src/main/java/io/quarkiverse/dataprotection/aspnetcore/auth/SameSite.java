package io.quarkiverse.dataprotection.aspnetcore.auth;

/** ASP.NET's {@code SameSiteMode}; {@link #UNSPECIFIED} writes no {@code samesite} attribute. */
public enum SameSite {
    UNSPECIFIED,
    NONE,
    LAX,
    STRICT
}
