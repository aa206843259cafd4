package io.quarkiverse.dataprotection.aspnetcore.auth;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * ASP.NET Core's {@code ChunkingCookieManager}: a cookie value longer than the chunk size goes out as
 * {@code name=chunks-N} plus {@code nameC1..nameCN}, and comes back reassembled.
 * <p>
 * Writing: the budget is the chunk size minus the length of the {@code Set-Cookie} text of {@code name=} with all the
 * attributes, minus 3 characters for the {@code C<n>} suffix; chunks the request carried that the new cookie no longer
 * needs are deleted first. Reading: {@code chunks-N} (ASCII digits, N &gt; 0) makes the value the concatenation of
 * {@code nameC1..nameCN}; a missing or empty chunk, or more than {@value #MAX_CHUNKS} chunks, is no cookie at all
 * (ASP.NET returns the literal {@code chunks-N}, which then fails to unprotect).
 * <p>
 * Immutable and thread-safe.
 */
public final class ChunkingCookieManager {

    /** ASP.NET's {@code DefaultChunkSize}. */
    public static final int DEFAULT_CHUNK_SIZE = 4050;
    /** The most chunks read back; ASP.NET has no bound. */
    public static final int MAX_CHUNKS = 100;

    private static final String CHUNK_COUNT_PREFIX = "chunks-";
    private static final Instant EPOCH = Instant.EPOCH;

    private final Integer chunkSize;

    /** @param chunkSize the largest {@code Set-Cookie} text per cookie, or null never to chunk */
    public ChunkingCookieManager(Integer chunkSize) {
        this.chunkSize = chunkSize;
    }

    /** The reassembled value of cookie {@code name}, or empty when there is none (or it is incomplete). */
    public Optional<String> requestCookie(RequestCookies request, String name) {
        Optional<String> value = request.get(name);
        int count = value.map(ChunkingCookieManager::chunkCount).orElse(0);
        if (count == 0) {
            return value;
        }
        if (count > MAX_CHUNKS) {
            return Optional.empty();
        }
        StringBuilder whole = new StringBuilder();
        for (int i = 1; i <= count; i++) {
            Optional<String> chunk = request.get(name + "C" + i);
            if (chunk.isEmpty()) {
                return Optional.empty();
            }
            whole.append(chunk.get());
        }
        return Optional.of(whole.toString());
    }

    /**
     * The {@code Set-Cookie} header values that set cookie {@code name} to {@code value}: deletions of surplus request
     * chunks first, then the cookie (or its count cookie and chunks).
     *
     * @throws IllegalStateException when the attributes leave no room for data in a chunk
     */
    public List<String> appendResponseCookie(RequestCookies request, String name, String value, CookieOptions options) {
        Objects.requireNonNull(value, "value");
        List<String> headers = new ArrayList<>();
        int template = options.header(name, "").length();
        int requestChunks = request.get(name).map(ChunkingCookieManager::chunkCount).orElse(0);
        if (chunkSize == null || chunkSize > template + value.length()) {
            deleteChunks(request, name, options, 1, requestChunks, headers);
            headers.add(options.header(name, value));
        } else if (chunkSize < template + 10) {
            throw new IllegalStateException("The cookie name and attributes take " + template
                    + " characters, leaving no room for data in a chunk of " + chunkSize
                    + "; raise the chunk size or shorten the cookie name, path or domain");
        } else {
            int perCookie = chunkSize - template - 3;
            int count = (value.length() + perCookie - 1) / perCookie;
            deleteChunks(request, name, options, count + 1, requestChunks, headers);
            headers.add(options.header(name, CHUNK_COUNT_PREFIX + count));
            for (int i = 1; i <= count; i++) {
                int start = (i - 1) * perCookie;
                headers.add(
                        options.header(name + "C" + i, value.substring(start, Math.min(value.length(), start + perCookie))));
            }
        }
        return headers;
    }

    /** The {@code Set-Cookie} header values that delete cookie {@code name} and every chunk of it the request carried. */
    public List<String> deleteCookie(RequestCookies request, String name, CookieOptions options) {
        List<String> headers = new ArrayList<>();
        CookieOptions expired = options.withExpires(EPOCH);
        headers.add(expired.header(name, ""));
        int requestChunks = request.get(name).map(ChunkingCookieManager::chunkCount).orElse(0);
        for (int i = 1; i <= Math.min(requestChunks, MAX_CHUNKS) && request.get(name + "C" + i).isPresent(); i++) {
            headers.add(expired.header(name + "C" + i, ""));
        }
        return headers;
    }

    /** Whether a {@code Set-Cookie} header value sets cookie {@code name} or one of its chunks (ignoring case). */
    public static boolean setsCookie(String setCookieHeader, String name) {
        String lower = setCookieHeader.toLowerCase(java.util.Locale.ROOT);
        String prefix = name.toLowerCase(java.util.Locale.ROOT);
        if (!lower.startsWith(prefix)) {
            return false;
        }
        String rest = lower.substring(prefix.length());
        return rest.startsWith("=") || rest.matches("^c[0-9]+=.*");
    }

    private static void deleteChunks(RequestCookies request, String name, CookieOptions options, int from, int to,
            List<String> headers) {
        CookieOptions expired = options.withExpires(EPOCH);
        for (int i = from; i <= Math.min(to, MAX_CHUNKS) && request.get(name + "C" + i).isPresent(); i++) {
            headers.add(expired.header(name + "C" + i, ""));
        }
    }

    /** ASP.NET's {@code ParseChunksCount}: N of {@code chunks-N} (ASCII digits, fits an int32), else 0. */
    static int chunkCount(String value) {
        if (!value.startsWith(CHUNK_COUNT_PREFIX) || value.length() == CHUNK_COUNT_PREFIX.length()) {
            return 0;
        }
        long count = 0;
        for (int i = CHUNK_COUNT_PREFIX.length(); i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return 0;
            }
            count = count * 10 + (c - '0');
            if (count > Integer.MAX_VALUE) {
                return 0;
            }
        }
        return (int) count;
    }
}
