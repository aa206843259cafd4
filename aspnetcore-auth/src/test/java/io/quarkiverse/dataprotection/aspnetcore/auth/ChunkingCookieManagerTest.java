package io.quarkiverse.dataprotection.aspnetcore.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

/** ASP.NET's chunking rules, with the literal Set-Cookie lines of its CookieChunkingTests. */
class ChunkingCookieManagerTest {

    static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    static final CookieOptions PATH_ONLY = new CookieOptions("/", null, false, SameSite.UNSPECIFIED, false, null);
    static final RequestCookies NONE = RequestCookies.parse(List.of());

    @Test
    void largeCookie_chunkSize44_givesUpstreamsThreeChunks() {
        List<String> headers = new ChunkingCookieManager(44).appendResponseCookie(NONE, "TestCookie", ALPHABET, PATH_ONLY);

        assertThat(headers).containsExactly("TestCookie=chunks-3; path=/", "TestCookieC1=abcdefghijklmnopqrstuv; path=/",
                "TestCookieC2=wxyz0123456789ABCDEFGH; path=/", "TestCookieC3=IJKLMNOPQRSTUVWXYZ; path=/");
    }

    @Test
    void noChunkSize_writesOneCookie() {
        assertThat(new ChunkingCookieManager(null).appendResponseCookie(NONE, "TestCookie", ALPHABET, PATH_ONLY))
                .containsExactly("TestCookie=" + ALPHABET + "; path=/");
    }

    @Test
    void defaultHttpsAttributes_template60_keep3989CharactersInOneCookie() {
        CookieOptions https = CookieOptions.defaults(true);
        ChunkingCookieManager manager = new ChunkingCookieManager(ChunkingCookieManager.DEFAULT_CHUNK_SIZE);

        assertThat(https.header(".AspNetCore.Cookies", "")).hasSize(60)
                .isEqualTo(".AspNetCore.Cookies=; path=/; secure; samesite=lax; httponly");
        assertThat(manager.appendResponseCookie(NONE, ".AspNetCore.Cookies", "x".repeat(3989), https)).hasSize(1);
        List<String> chunked = manager.appendResponseCookie(NONE, ".AspNetCore.Cookies", "x".repeat(3990), https);
        assertThat(chunked).hasSize(3).first()
                .isEqualTo(".AspNetCore.Cookies=chunks-2; path=/; secure; samesite=lax; httponly");
        assertThat(chunked.get(1)).startsWith(".AspNetCore.CookiesC1=" + "x".repeat(3987) + ";");
        assertThat(chunked.get(2)).startsWith(".AspNetCore.CookiesC2=xxx;");
    }

    @Test
    void persistentCookie_expiresCountsInTheBudget_andIsWrittenInRFormat() {
        CookieOptions persistent = CookieOptions.defaults(false).withExpires(Instant.parse("2025-01-05T10:00:00Z"));

        assertThat(persistent.header("n", "v"))
                .isEqualTo("n=v; expires=Sun, 05 Jan 2025 10:00:00 GMT; path=/; samesite=lax; httponly");
    }

    @Test
    void chunkSizeTooSmallForTheAttributes_failsNamingTheFix() {
        assertThatThrownBy(() -> new ChunkingCookieManager(25).appendResponseCookie(NONE, "TestCookie", ALPHABET, PATH_ONLY))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("raise the chunk size");
    }

    @Test
    void chunkedRequest_isReassembled_namesIgnoringCase() {
        RequestCookies request = RequestCookies.parse(List.of("testcookie=chunks-3; TestCookieC1=abc; TESTCOOKIEC2=def",
                "TestCookieC3=ghi"));

        assertThat(new ChunkingCookieManager(44).requestCookie(request, "TestCookie")).contains("abcdefghi");
    }

    @Test
    void missingOrEmptyChunk_isNoCookie() {
        ChunkingCookieManager manager = new ChunkingCookieManager(44);

        assertThat(manager.requestCookie(RequestCookies.parse(List.of("T=chunks-3; TC1=a; TC3=c")), "T")).isEmpty();
        assertThat(manager.requestCookie(RequestCookies.parse(List.of("T=chunks-2; TC1=a; TC2=")), "T")).isEmpty();
    }

    @Test
    void chunkCountsThatAreNotPositiveDigits_areThePlainValue() {
        ChunkingCookieManager manager = new ChunkingCookieManager(44);
        for (String value : List.of("chunks-0", "chunks--1", "chunks-+1", "chunks-99999999999", "chunks-")) {
            assertThat(manager.requestCookie(RequestCookies.parse(List.of("T=" + value + "; TC1=a")), "T")).contains(value);
        }
    }

    @Test
    void moreThanMaxChunks_isNoCookie() {
        assertThat(new ChunkingCookieManager(44).requestCookie(RequestCookies.parse(List.of("T=chunks-101")), "T")).isEmpty();
    }

    @Test
    void smallerCookie_deletesTheRequestsSurplusChunksFirst() {
        RequestCookies request = RequestCookies
                .parse(List.of("TestCookie=chunks-3; TestCookieC1=a; TestCookieC2=b; TestCookieC3=c"));

        List<String> headers = new ChunkingCookieManager(44).appendResponseCookie(request, "TestCookie", "small", PATH_ONLY);

        assertThat(headers).containsExactly("TestCookieC1=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/",
                "TestCookieC2=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/",
                "TestCookieC3=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/", "TestCookie=small; path=/");
    }

    @Test
    void deleteCookie_deletesTheCookieAndTheChunksTheRequestCarried_stoppingAtTheFirstMissing() {
        RequestCookies request = RequestCookies.parse(List.of("TestCookie=chunks-3; TestCookieC1=a; TestCookieC2=b"));

        assertThat(new ChunkingCookieManager(44).deleteCookie(request, "TestCookie", PATH_ONLY)).containsExactly(
                "TestCookie=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/",
                "TestCookieC1=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/",
                "TestCookieC2=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/");
    }

    @Test
    void setsCookie_recognisesTheCookieAndItsChunksOnly() {
        assertThat(ChunkingCookieManager.setsCookie(".AspNetCore.CookiesC12=x; path=/", ".AspNetCore.Cookies")).isTrue();
        assertThat(ChunkingCookieManager.setsCookie(".aspnetcore.cookies=; path=/", ".AspNetCore.Cookies")).isTrue();
        assertThat(ChunkingCookieManager.setsCookie(".AspNetCore.CookiesX=1", ".AspNetCore.Cookies")).isFalse();
    }
}
