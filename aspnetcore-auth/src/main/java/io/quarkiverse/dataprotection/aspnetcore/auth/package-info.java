/**
 * ASP.NET Core authentication cookies on the JVM: the
 * {@link io.quarkiverse.dataprotection.aspnetcore.auth.AuthenticationTicket}
 * model, its format 5 {@link io.quarkiverse.dataprotection.aspnetcore.auth.TicketSerializer}, the cookie
 * {@link io.quarkiverse.dataprotection.aspnetcore.auth.TicketProtector}, the
 * {@link io.quarkiverse.dataprotection.aspnetcore.auth.ChunkingCookieManager} and the handler's decisions
 * ({@link io.quarkiverse.dataprotection.aspnetcore.auth.CookieAuthenticator}). Plain Java over data-protection-core's
 * API; no HTTP framework.
 */
package io.quarkiverse.dataprotection.aspnetcore.auth;
