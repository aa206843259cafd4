package io.quarkiverse.dataprotection.redis;

import io.quarkiverse.dataprotection.InvalidSettingException;

/**
 * Every Redis key and channel name this project uses, derived from one list key. Nothing else spells a Redis name.
 * <p>
 * The list key is ASP.NET Core's ({@code PersistKeysToStackExchangeRedis(redis, "DataProtection-Keys")}): one Redis
 * list of key and revocation XML elements, shared as is with .NET applications, who read and write only it. Next to it
 * the store keeps one counter, {@code {<list key>}:version} (see {@link #versionKey}), which Java instances increment
 * with every change they make, in the same script; .NET instances never touch it. It adds one pub/sub channel,
 * {@code <list key>:changes}, on which Java instances announce their own changes to each other.
 */
public final class RedisKeyNames {

    /** The list key of ASP.NET's samples and of this project's default configuration. */
    public static final String DEFAULT_LIST_KEY = "DataProtection-Keys";

    /** Suffix of the pub/sub channel announcing changes to the key ring. */
    public static final String CHANGES_CHANNEL_SUFFIX = ":changes";

    /** Suffix of the counter Java instances increment with every change of the list. */
    public static final String VERSION_KEY_SUFFIX = ":version";

    private RedisKeyNames() {
    }

    /**
     * Checks a configured list key.
     *
     * @throws InvalidSettingException naming {@code listKey} when it is null or blank
     */
    public static String listKey(String configured) {
        if (configured == null || configured.isBlank()) {
            throw InvalidSettingException.invalid("listKey", "'" + (configured == null ? "" : configured) + "'",
                    "name the Redis list, e.g. " + DEFAULT_LIST_KEY);
        }
        return configured;
    }

    /**
     * The counter next to the list {@code listKey}, which every script of this store that changes the list increments.
     * A script touches both keys, so in Redis Cluster they must live in one hash slot: the name repeats the list key's
     * hash tag when it has one ({@code {app}:keys} gives {@code {app}:keys:version}), and otherwise makes the whole
     * list key its hash tag ({@code DataProtection-Keys} gives {@code {DataProtection-Keys}:version}, which Redis
     * hashes exactly as {@code DataProtection-Keys}).
     *
     * @throws IllegalArgumentException when {@code listKey} contains a {@code '}'} without a hash tag, so that no name
     *         can be made to share its slot this way
     */
    public static String versionKey(String listKey) {
        String key = listKey(listKey);
        if (hasHashTag(key)) {
            return key + VERSION_KEY_SUFFIX;
        }
        if (key.indexOf('}') >= 0) {
            throw new IllegalArgumentException("quarkus.data-protection.redis.list-key '" + key + "' contains '}' "
                    + "without a Redis hash tag ({...} with something between the braces), so the store cannot name a "
                    + "version key in the list's cluster slot; rename the list, or give it a hash tag such as {" +
                    key.replace("}", "") + "}");
        }
        return "{" + key + "}" + VERSION_KEY_SUFFIX;
    }

    /** Redis Cluster's rule: the part between the first '{' and the next '}' is hashed, when it is not empty. */
    static boolean hasHashTag(String key) {
        int open = key.indexOf('{');
        if (open < 0) {
            return false;
        }
        int close = key.indexOf('}', open + 1);
        return close > open + 1;
    }

    /** The pub/sub channel on which changes to the key ring in {@code listKey} are announced. */
    public static String changesChannel(String listKey) {
        return listKey(listKey) + CHANGES_CHANNEL_SUFFIX;
    }
}
