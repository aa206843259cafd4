package io.quarkiverse.dataprotection.redis;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.redisson.api.RedissonClient;
import org.redisson.config.BaseConfig;
import org.redisson.config.Config;

/**
 * Recognises a refused login in a Redisson failure. Redisson reports a wrong or missing password as "Unable to connect
 * to Redis server", with the server's {@code WRONGPASS} / {@code NOAUTH} / {@code invalid password} reply deep in the
 * cause chain; operators read that as a network problem. This names it as what it is, with the address and user (the
 * password never: Redis's replies do not contain it, and neither does this message).
 * <p>
 * Stateless; thread-safe.
 */
public final class RedisAuthenticationFailure {

    /** Redis's error codes are upper case (and Redisson's class names contain "WrongPassword"): matched exactly. */
    private static final List<String> CODES = List.of("WRONGPASS", "NOAUTH");
    /** Older servers' and proxies' texts, matched ignoring case. */
    private static final List<String> TEXTS = List.of("invalid password", "invalid username-password");
    private static final Pattern URI_CREDENTIALS = Pattern.compile("(rediss?://)[^@/\\s]*@");
    private static final int MAX_REPLY = 160;

    private RedisAuthenticationFailure() {
    }

    /**
     * The description of {@code failure} when a server refused the login somewhere in its cause chain.
     *
     * @param client the client that failed, for its addresses and user name
     */
    public static Optional<String> describe(Throwable failure, RedissonClient client) {
        Optional<String> reply = refusal(failure);
        if (reply.isEmpty()) {
            return Optional.empty();
        }
        String addresses = "Redis";
        String user = "default";
        try {
            Config config = client.getConfig();
            addresses = addresses(config);
            user = user(config);
        } catch (RuntimeException e) {
            // An unusual client (a mock, a wrapper) still gets the essential message.
        }
        return Optional.of(message(addresses, user, reply.get()));
    }

    /** The message for a refused login at {@code addresses} as {@code user}, quoting the server's reply. */
    public static String message(String addresses, String user, String reply) {
        return "Redis authentication failed for " + addresses + " as user " + user + " (the server replied: " + reply
                + "): check the password (quarkus.data-protection.redis.password, or what the credentials provider "
                + "returns) and the user name against the server's requirepass or ACL users";
    }

    /** The server's refusal reply in the cause chain of {@code failure}, if there is one. */
    static Optional<String> refusal(Throwable failure) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable t = failure; t != null && seen.put(t, Boolean.TRUE) == null; t = t.getCause()) {
            String message = t.getMessage();
            if (message != null && isRefusal(message)) {
                return Optional.of(reply(message));
            }
            for (Throwable suppressed : t.getSuppressed()) {
                if (suppressed.getMessage() != null && isRefusal(suppressed.getMessage())) {
                    return Optional.of(reply(suppressed.getMessage()));
                }
            }
        }
        return Optional.empty();
    }

    private static boolean isRefusal(String message) {
        return start(message) >= 0;
    }

    /** Where the refusal starts in {@code message}, or -1. */
    private static int start(String message) {
        String lower = message.toLowerCase(Locale.ROOT);
        int start = -1;
        for (String code : CODES) {
            start = earliest(start, message.indexOf(code));
        }
        for (String text : TEXTS) {
            start = earliest(start, lower.indexOf(text));
        }
        return start;
    }

    private static int earliest(int a, int b) {
        return a < 0 ? b : b < 0 ? a : Math.min(a, b);
    }

    /** The reply from its marker on, one line, short, without any credentials a URI in it might carry. */
    private static String reply(String message) {
        String reply = message.substring(Math.max(0, start(message))).lines().findFirst().orElse("").trim();
        int cut = reply.indexOf(" channel:");
        reply = (cut > 0 ? reply.substring(0, cut) : reply).replaceAll("[.,\\s]+$", "");
        if (reply.length() > MAX_REPLY) {
            reply = reply.substring(0, MAX_REPLY) + "...";
        }
        return URI_CREDENTIALS.matcher(reply).replaceAll("$1***@");
    }

    private static String addresses(Config config) {
        if (config.isClusterConfig()) {
            return String.join(", ", config.useClusterServers().getNodeAddresses());
        }
        if (config.isSentinelConfig()) {
            return "the master " + config.useSentinelServers().getMasterName() + " of sentinels "
                    + String.join(", ", config.useSentinelServers().getSentinelAddresses());
        }
        return config.isSingleConfig() ? config.useSingleServer().getAddress() : "Redis";
    }

    private static String user(Config config) {
        BaseConfig<?> server = config.isClusterConfig() ? config.useClusterServers()
                : config.isSentinelConfig() ? config.useSentinelServers()
                        : config.isSingleConfig() ? config.useSingleServer() : null;
        String user = server == null ? null : server.getUsername();
        return user == null ? "default" : user;
    }
}
