package io.quarkiverse.dataprotection.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

import org.redisson.api.RList;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/**
 * Keeps the key ring in one Redis list, exactly as ASP.NET Core's {@code RedisXmlRepository}
 * ({@code PersistKeysToStackExchangeRedis}) does, so .NET and Java applications can share it:
 * <ul>
 * <li>{@link #add} is {@code RPUSH <list> <xml>}: one list entry per key or revocation element, in UTF-8;</li>
 * <li>{@link #readAll} is {@code LRANGE <list> 0 -1}: every entry, in the order pushed, each with a
 * {@code null} {@linkplain StoredElement#name() name} (the entry itself is its handle);</li>
 * <li>{@link #remove} is {@code LREM <list> 1 <xml>} per element: exactly one entry equal to it.</li>
 * </ul>
 * Values always go through {@link StringCodec} (UTF-8 text), never Redisson's default binary codec, which .NET could
 * not read. All names come from {@link RedisKeyNames}.
 * <p>
 * The store borrows the {@link RedissonClient}: it never shuts it down; whoever created it does.
 * <p>
 * Thread-safety: safe for concurrent use by any number of threads and processes; each operation is one Redis
 * command (or one per removed element), atomic on the server.
 */
public final class RedisKeyStore implements KeyStore {

    private static final Pattern URI_CREDENTIALS = Pattern.compile("(rediss?://)[^@/\\s]*@");

    private final RedissonClient client;
    private final String listKey;

    /** A store over the list {@value RedisKeyNames#DEFAULT_LIST_KEY}. */
    public RedisKeyStore(RedissonClient client) {
        this(client, RedisKeyNames.DEFAULT_LIST_KEY);
    }

    /**
     * A store over the list {@code listKey}.
     *
     * @throws IllegalArgumentException when {@code listKey} is blank
     */
    public RedisKeyStore(RedissonClient client, String listKey) {
        this.client = Objects.requireNonNull(client, "client");
        this.listKey = RedisKeyNames.listKey(listKey);
    }

    public String listKey() {
        return listKey;
    }

    @Override
    public List<StoredElement> readAll() {
        List<String> entries;
        try {
            entries = list().readAll();
        } catch (RuntimeException e) {
            throw failure("could not be read", e);
        }
        List<StoredElement> elements = new ArrayList<>(entries.size());
        for (String entry : entries) {
            elements.add(new StoredElement(null, entry));
        }
        return elements;
    }

    @Override
    public void add(String xml, String friendlyName) {
        Objects.requireNonNull(xml, "xml");
        try {
            list().add(xml);
        } catch (RuntimeException e) {
            throw failure("could not be appended to", e);
        }
    }

    @Override
    public void remove(Collection<StoredElement> elements) {
        try {
            RList<String> list = list();
            for (StoredElement element : elements) {
                list.remove(element.xml(), 1);
            }
        } catch (RuntimeException e) {
            throw failure("could not be changed", e);
        }
    }

    @Override
    public String description() {
        return "redis:" + listKey;
    }

    @Override
    public String toString() {
        return "RedisKeyStore[" + description() + "]";
    }

    private RList<String> list() {
        return client.getList(listKey, StringCodec.INSTANCE);
    }

    private KeyStoreException failure(String what, RuntimeException cause) {
        return new KeyStoreException("Redis key store list '" + listKey + "' " + what + ": " + describe(cause), cause);
    }

    /** The cause's message without any credentials a URI in it might carry. */
    static String describe(Throwable cause) {
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return URI_CREDENTIALS.matcher(message).replaceAll("$1***@");
    }
}
