package io.quarkiverse.dataprotection.store;

/**
 * Every Redis key and channel name this project uses, derived from one list key. Nothing else spells a Redis name.
 * <p>
 * The list key is ASP.NET Core's ({@code PersistKeysToStackExchangeRedis(redis, "DataProtection-Keys")}): one Redis
 * list of key and revocation XML elements, shared as is with .NET applications.
 * <p>
 * Names derived from it are wrapped in a Redis Cluster hash tag of the list key's own hashed part, so they always
 * land in the list's slot (a transaction or script may then touch both) while the list key itself stays exactly
 * what ASP.NET uses: for {@code DataProtection-Keys} the version key is {@code {DataProtection-Keys}:version}, and
 * {@code CLUSTER KEYSLOT} gives the same slot for both.
 */
public final class RedisKeyNames {

    /** The list key of ASP.NET's samples and of this project's default configuration. */
    public static final String DEFAULT_LIST_KEY = "DataProtection-Keys";

    /** Suffix of the key counting changes to the key ring. */
    public static final String VERSION_SUFFIX = ":version";

    /** Suffix of the pub/sub channel announcing changes to the key ring. */
    public static final String CHANGES_CHANNEL_SUFFIX = ":changes";

    private RedisKeyNames() {
    }

    /**
     * Checks a configured list key.
     *
     * @throws IllegalArgumentException when it is null or blank, or when its hashed part contains a {@code '}'},
     *         which no hash tag can reproduce (such as {@code a}b} or {@code x{}y})
     */
    public static String listKey(String configured) {
        if (configured == null || configured.isBlank()) {
            throw new IllegalArgumentException("quarkus.data-protection.redis.list-key must not be blank, was '"
                    + configured + "'; leave it unset for the default " + DEFAULT_LIST_KEY);
        }
        if (hashedPart(configured).indexOf('}') >= 0) {
            throw new IllegalArgumentException("quarkus.data-protection.redis.list-key '" + configured
                    + "' has a '}' outside a {...} hash tag, so the keys derived from it cannot share its Redis "
                    + "Cluster slot; remove the '}' or put the part to hash in braces, such as {" + DEFAULT_LIST_KEY
                    + "}");
        }
        return configured;
    }

    /** The key holding the key ring's change counter, in the list's cluster slot. */
    public static String versionKey(String listKey) {
        return sameSlot(listKey) + VERSION_SUFFIX;
    }

    /** The pub/sub channel on which key ring changes are announced. */
    public static String changesChannel(String listKey) {
        return sameSlot(listKey) + CHANGES_CHANNEL_SUFFIX;
    }

    /**
     * The part of {@code key} Redis Cluster hashes: the content of the first non-empty {@code {...}}, else the whole
     * key (the Redis Cluster specification's hash tag rule).
     */
    static String hashedPart(String key) {
        int open = key.indexOf('{');
        if (open >= 0) {
            int close = key.indexOf('}', open + 1);
            if (close > open + 1) {
                return key.substring(open + 1, close);
            }
        }
        return key;
    }

    private static String sameSlot(String listKey) {
        return "{" + hashedPart(listKey(listKey)) + "}";
    }
}
