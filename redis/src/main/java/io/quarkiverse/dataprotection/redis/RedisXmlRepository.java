package io.quarkiverse.dataprotection.redis;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jboss.logging.Logger;
import org.redisson.api.RFuture;
import org.redisson.api.RScript;
import org.redisson.api.RTopic;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

import io.quarkiverse.dataprotection.spi.StoredElement;
import io.quarkiverse.dataprotection.spi.VersionedXmlRepository;
import io.quarkiverse.dataprotection.spi.XmlRepositoryException;

/**
 * Keeps the key ring in one Redis list, exactly as ASP.NET Core's {@code RedisXmlRepository}
 * ({@code PersistKeysToStackExchangeRedis}) does, so .NET and Java applications can share it:
 * <ul>
 * <li>{@link #add} appends with {@code RPUSH <list> <xml>}: one list entry per key or revocation element, in
 * UTF-8;</li>
 * <li>{@link #readAll} is {@code LRANGE <list> 0 -1} (in a script, so it runs on the master): every entry, in the
 * order pushed, each with a {@code null} {@linkplain StoredElement#name() name} (the entry itself is its
 * handle);</li>
 * <li>{@link #remove} is {@code LREM <list> 1 <xml>} per element: exactly one entry equal to it.</li>
 * </ul>
 * As a {@link VersionedXmlRepository}, its version is {@code <counter>:<length>:<SHA-1 of the last entry>}, computed
 * by a Lua script on the server in constant time, whatever the ring's size: the counter is the key
 * {@link RedisKeyNames#versionKey} ({@code {DataProtection-Keys}:version}), which every script of this store that
 * changes the list increments in the same atomic step; the length and the last entry catch .NET applications, which
 * only {@code RPUSH} to the list (and an operator's {@code LREM}). So every change this store makes changes the version,
 * and so does every append or removal by anyone else; {@link #addIfVersion} appends atomically only if the version is
 * unchanged. What the version does not see is a rewrite that keeps both the length and the last entry (an
 * {@code LSET} of an earlier entry, or a removal followed by an append of a copy of the last entry), which no
 * ASP.NET or Java writer makes; the key ring's periodic full read finds it. A .NET instance's append is therefore
 * noticed at the next version poll (one constant-time script) and costs each Java instance one full read of the
 * list ({@code LRANGE}), of which only the new entry is parsed. Java instances also announce their changes on the
 * channel {@link RedisKeyNames#changesChannel}; the message carries no key material.
 * <p>
 * The least privilege it needs, as a Redis ACL for the default list key: {@code ~DataProtection-Keys
 * ~{DataProtection-Keys}:version &DataProtection-Keys:changes +@connection +@scripting +@pubsub +lrange +rpush +lrem
 * +llen +lindex +get +incr}.
 * <p>
 * Values always go through {@link StringCodec} (UTF-8 text), never the client's default codec, which .NET may not
 * read. Redisson logs commands with their arguments at DEBUG and TRACE in some categories, which would put key
 * elements into the log; the constructor warns when those levels are on. The store borrows the {@link RedissonClient}: it never
 * shuts it down; whoever created it does.
 * <p>
 * Thread-safety: safe for concurrent use by any number of threads and processes; each operation is one Redis
 * command or script, atomic on the server.
 */
public final class RedisXmlRepository implements VersionedXmlRepository {

    private static final Logger LOG = Logger.getLogger(RedisXmlRepository.class);
    private static final Pattern URI_CREDENTIALS = Pattern.compile("(rediss?://)[^@/\\s]*@");
    private static final Pattern COMMAND_DETAILS = Pattern.compile("[,.]?\\s*(?i:command): *[(\\[]|[,.]?\\s*params: *\\[");

    /**
     * Lua: sets {@code version} from the counter in KEYS[2], the length of the list in KEYS[1] and its last entry; O(1)
     * in the number of entries (the last entry is hashed, a few kilobytes at most).
     */
    private static final String VERSION = "local length = redis.call('LLEN', KEYS[1])\n"
            + "local last = length > 0 and redis.sha1hex(redis.call('LINDEX', KEYS[1], -1)) or '-'\n"
            + "local version = (redis.call('GET', KEYS[2]) or '0') .. ':' .. length .. ':' .. last\n";
    /** Lua: counts a change this store made, in the script that made it. */
    private static final String CHANGED = "redis.call('INCR', KEYS[2])\n";
    private static final String READ_ALL = "return redis.call('LRANGE', KEYS[1], 0, -1)";
    private static final String READ_VERSIONED = VERSION
            + "local items = redis.call('LRANGE', KEYS[1], 0, -1)\n"
            + "table.insert(items, 1, version)\n"
            + "return items";
    private static final String READ_VERSION = VERSION + "return version";
    /** ARGV: expected version, element, channel. */
    private static final String ADD_IF_VERSION = VERSION
            + "if version ~= ARGV[1] then return 0 end\n"
            + "redis.call('RPUSH', KEYS[1], ARGV[2])\n"
            + CHANGED
            + "redis.call('PUBLISH', ARGV[3], 'changed')\n"
            + "return 1";
    /** ARGV: expected version, channel, elements... */
    private static final String ADD_ALL_IF_VERSION = VERSION
            + "if version ~= ARGV[1] then return 0 end\n"
            + "for i = 3, #ARGV do redis.call('RPUSH', KEYS[1], ARGV[i]) end\n"
            + CHANGED
            + "redis.call('PUBLISH', ARGV[2], 'changed')\n"
            + "return 1";
    /** ARGV: element, channel. */
    private static final String ADD = "redis.call('RPUSH', KEYS[1], ARGV[1])\n"
            + CHANGED
            + "redis.call('PUBLISH', ARGV[2], 'changed')\n"
            + "return 1";
    /** ARGV: channel, elements... */
    private static final String REMOVE = "local removed = 0\n"
            + "for i = 2, #ARGV do removed = removed + redis.call('LREM', KEYS[1], 1, ARGV[i]) end\n"
            + "if removed > 0 then\n"
            + CHANGED
            + "redis.call('PUBLISH', ARGV[1], 'changed') end\n"
            + "return removed";

    /**
     * Every script runs on the master, even with a borrowed client configured to read from replicas: a replica may
     * lag, and a key just created elsewhere, or a version about to be compared, must not be missed.
     */
    private static final RScript.Mode MASTER = RScript.Mode.READ_WRITE;

    private final RedissonClient client;
    private final String listKey;
    private final String versionKey;
    private final String channel;

    /** A store over the list {@value RedisKeyNames#DEFAULT_LIST_KEY}. */
    public RedisXmlRepository(RedissonClient client) {
        this(client, RedisKeyNames.DEFAULT_LIST_KEY);
    }

    /**
     * A store over the list {@code listKey}.
     *
     * @throws IllegalArgumentException when {@code listKey} is blank, or no version key can share its cluster slot
     *         (see {@link RedisKeyNames#versionKey})
     */
    public RedisXmlRepository(RedissonClient client, String listKey) {
        this.client = Objects.requireNonNull(client, "client");
        this.listKey = RedisKeyNames.listKey(listKey);
        this.versionKey = RedisKeyNames.versionKey(listKey);
        this.channel = RedisKeyNames.changesChannel(listKey);
        RedissonCommandLogging.warnIfCommandsLogged(listKey);
    }

    public String listKey() {
        return listKey;
    }

    @Override
    public List<StoredElement> readAll() {
        try {
            List<String> entries = eval(READ_ALL, RScript.ReturnType.MULTI);
            return elements(entries);
        } catch (RuntimeException e) {
            throw failure("could not be read", e);
        }
    }

    @Override
    public VersionedElements readVersioned() {
        try {
            List<Object> reply = eval(READ_VERSIONED, RScript.ReturnType.MULTI);
            List<String> entries = new ArrayList<>(reply.size() - 1);
            for (Object entry : reply.subList(1, reply.size())) {
                entries.add((String) entry);
            }
            return new VersionedElements(elements(entries), (String) reply.get(0));
        } catch (RuntimeException e) {
            throw failure("could not be read", e);
        }
    }

    @Override
    public String version() {
        try {
            return eval(READ_VERSION, RScript.ReturnType.VALUE);
        } catch (RuntimeException e) {
            throw failure("could not be read", e);
        }
    }

    @Override
    public void add(String xml, String friendlyName) {
        Objects.requireNonNull(xml, "xml");
        try {
            eval(ADD, RScript.ReturnType.INTEGER, xml, channel);
            LOG.debugf("Appended %s to the Redis list %s", friendlyName, listKey);
        } catch (RuntimeException e) {
            throw failure("could not be appended to", e);
        }
    }

    @Override
    public boolean addIfVersion(String expectedVersion, String xml, String friendlyName) {
        Objects.requireNonNull(expectedVersion, "expectedVersion");
        Objects.requireNonNull(xml, "xml");
        try {
            Long added = eval(ADD_IF_VERSION, RScript.ReturnType.INTEGER, expectedVersion,
                    xml, channel);
            LOG.debugf("%s %s to the Redis list %s at version %s", added == 1L ? "Appended" : "Did not append",
                    friendlyName, listKey, expectedVersion);
            return added == 1L;
        } catch (RuntimeException e) {
            throw failure("could not be appended to", e);
        }
    }

    @Override
    public boolean addAllIfVersion(String expectedVersion, List<NewElement> elements) {
        Objects.requireNonNull(expectedVersion, "expectedVersion");
        Object[] arguments = new Object[elements.size() + 2];
        arguments[0] = expectedVersion;
        arguments[1] = channel;
        int i = 2;
        for (NewElement element : elements) {
            arguments[i++] = element.xml();
        }
        try {
            Long added = eval(ADD_ALL_IF_VERSION, RScript.ReturnType.INTEGER, arguments);
            LOG.debugf("%s %d elements to the Redis list %s at version %s", added == 1L ? "Appended" : "Did not append",
                    elements.size(), listKey, expectedVersion);
            return added == 1L;
        } catch (RuntimeException e) {
            throw failure("could not be appended to", e);
        }
    }

    @Override
    public void remove(Collection<StoredElement> elements) {
        if (elements.isEmpty()) {
            return;
        }
        Object[] arguments = new Object[elements.size() + 1];
        arguments[0] = channel;
        int i = 1;
        for (StoredElement element : elements) {
            arguments[i++] = element.xml();
        }
        try {
            Long removed = eval(REMOVE, RScript.ReturnType.INTEGER, arguments);
            LOG.debugf("Removed %s of %s elements from the Redis list %s", String.valueOf(removed),
                    String.valueOf(elements.size()), listKey);
        } catch (RuntimeException e) {
            throw failure("could not be changed", e);
        }
    }

    /**
     * Listens on {@link RedisKeyNames#changesChannel}. Subscribing never fails the caller: while Redis is down it is
     * logged at debug level and the caller's version polling finds the changes instead.
     */
    @Override
    public AutoCloseable subscribe(Runnable listener) {
        Objects.requireNonNull(listener, "listener");
        RTopic topic = client.getTopic(channel, StringCodec.INSTANCE);
        RFuture<Integer> subscription;
        try {
            subscription = topic.addListenerAsync(String.class, (ignoredChannel, ignoredMessage) -> listener.run());
        } catch (RuntimeException e) {
            LOG.debugf("Cannot subscribe to %s now (%s); changes are found by polling", channel, describe(e));
            return () -> {
            };
        }
        subscription.whenComplete((id, failure) -> {
            if (failure != null) {
                LOG.debugf("Cannot subscribe to %s now (%s); changes are found by polling", channel, describe(failure));
            }
        });
        return () -> subscription.thenAccept(topic::removeListenerAsync);
    }

    @Override
    public String description() {
        return "redis:" + listKey;
    }

    @Override
    public String toString() {
        return "RedisXmlRepository[" + description() + "]";
    }

    private <R> R eval(String script, RScript.ReturnType returnType, Object... arguments) {
        return client.getScript(StringCodec.INSTANCE).eval(listKey, MASTER, script, returnType,
                List.of(listKey, versionKey), arguments);
    }

    private static List<StoredElement> elements(List<String> entries) {
        List<StoredElement> elements = new ArrayList<>(entries.size());
        for (String entry : entries) {
            elements.add(new StoredElement(null, entry));
        }
        return elements;
    }

    private XmlRepositoryException failure(String what, RuntimeException cause) {
        String reason = RedisAuthenticationFailure.describe(cause, client).orElseGet(() -> describe(cause));
        return new XmlRepositoryException("Redis key store list '" + listKey + "' " + what + ": " + reason, cause);
    }

    /**
     * The cause's message without any credentials a URI in it might carry, and without the command details Redisson
     * appends ({@code command: (EVAL, <script>), params: [...]}): they quote the Lua script and the arguments, which
     * for an append are the key element, master key included (Redisson only shortens strings over 1000 characters,
     * and an unencrypted element is about 890). This message reaches logs and {@code lastRefreshError}.
     */
    static String describe(Throwable cause) {
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        Matcher details = COMMAND_DETAILS.matcher(message);
        if (details.find()) {
            message = message.substring(0, details.start()) + " (command details omitted)";
        }
        return URI_CREDENTIALS.matcher(message).replaceAll("$1***@");
    }
}
