package io.quarkiverse.dataprotection.aspnetcore.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Request cookies as ASP.NET parses them. */
class RequestCookiesTest {

    @Test
    void repeatedName_lastWins_ignoringCase_acrossHeaders() {
        RequestCookies cookies = RequestCookies.parse(List.of("a=1; A=2", "b=3, a=4"));

        assertThat(cookies.get("a")).contains("4");
        assertThat(cookies.get("B")).contains("3");
    }

    @Test
    void emptyValues_areSkipped_quotesKept_percentDecoded() {
        RequestCookies cookies = RequestCookies.parse(List.of("e=; q=\"x\"; p=a%2Fb%C3%A9; bad=%zz"));

        assertThat(cookies.get("e")).isEmpty();
        assertThat(cookies.get("q")).contains("\"x\"");
        assertThat(cookies.get("p")).contains("a/bé");
        assertThat(cookies.get("bad")).contains("%zz");
    }

    @Test
    void malformedPairs_areSkipped_theRestRead() {
        RequestCookies cookies = RequestCookies.parse(List.of("junk; =v; sp ace=1; ok=yes; bad=a b"));

        assertThat(cookies.get("ok")).contains("yes");
        assertThat(cookies.get("bad")).isEmpty();
        assertThat(cookies.toString()).isEqualTo("RequestCookies[ok]");
    }
}
