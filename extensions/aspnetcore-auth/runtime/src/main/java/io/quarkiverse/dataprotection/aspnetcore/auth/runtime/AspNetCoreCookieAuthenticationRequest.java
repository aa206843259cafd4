package io.quarkiverse.dataprotection.aspnetcore.auth.runtime;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** A request carrying an ASP.NET Core authentication cookie value (reassembled from its chunks), not yet verified. */
public final class AspNetCoreCookieAuthenticationRequest extends BaseAuthenticationRequest {

    private final String cookieValue;

    public AspNetCoreCookieAuthenticationRequest(String cookieValue) {
        this.cookieValue = cookieValue;
    }

    /** The cookie value ({@code CfDJ8...}); a credential: never log it. */
    public String cookieValue() {
        return cookieValue;
    }

    @Override
    public String toString() {
        return "AspNetCoreCookieAuthenticationRequest[<" + cookieValue.length() + " characters>]";
    }
}
