package io.quarkiverse.dataprotection.redis;

import io.quarkiverse.dataprotection.InvalidSettingException;

/**
 * Every Redis key and channel name this project uses, derived from one list key. Nothing else spells a Redis name.
 * <p>
 * The list key is ASP.NET Core's ({@code PersistKeysToStackExchangeRedis(redis, "DataProtection-Keys")}): one Redis
 * list of key and revocation XML elements, shared as is with .NET applications. The store adds no other key: its
 * version is computed from the list itself, so changes .NET applications make count too. It adds one pub/sub
 * channel, {@code <list key>:changes}, on which Java instances announce their own changes to each other.
 */
public final class RedisKeyNames {

    /** The list key of ASP.NET's samples and of this project's default configuration. */
    public static final String DEFAULT_LIST_KEY = "DataProtection-Keys";

    /** Suffix of the pub/sub channel announcing changes to the key ring. */
    public static final String CHANGES_CHANNEL_SUFFIX = ":changes";

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

    /** The pub/sub channel on which changes to the key ring in {@code listKey} are announced. */
    public static String changesChannel(String listKey) {
        return listKey(listKey) + CHANGES_CHANNEL_SUFFIX;
    }
}
