package io.quarkiverse.dataprotection.redis.runtime;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

import org.jboss.logging.Logger;
import org.redisson.client.NettyHook;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;

/**
 * Watches the TLS handshakes of one Redisson client's connections and explains their failures. Redisson logs a
 * refused handshake on the channel but fails the command that was waiting with a bare {@code TimeoutException} (with
 * TLS 1.3 the server rejects a missing client certificate only after the client considers the handshake done), so
 * the key ring's error said nothing about TLS. This records the last failure (the server's address and the JDK's
 * reason, such as {@code Received fatal alert: certificate_required}), logs the first one with the fix, and gives
 * {@link TlsExplainedRepository} the sentence to add to the store's failure.
 * <p>
 * Messages name addresses, alerts and properties; never a password or certificate content (the JDK's handshake
 * messages hold neither). Thread-safe: Netty's event loops record, the store's callers read.
 */
final class TlsHandshakeWatch implements NettyHook {

    private static final Logger LOG = Logger.getLogger(TlsHandshakeWatch.class);
    private static final int MAX_REASON = 160;

    private final String keyStoreProperty;
    private final String trustStoreProperty;
    private final boolean keyStoreConfigured;
    private final AtomicLong failures = new AtomicLong();
    private final AtomicReference<String> lastExplanation = new AtomicReference<>();
    private final AtomicBoolean logged = new AtomicBoolean();
    private final ChannelHandler handler = new Recorder();

    /**
     * @param registryName the TLS registry configuration in use, or {@code null} for {@code redis.tls.*} files
     * @param keyStoreConfigured whether a client certificate is presented
     */
    TlsHandshakeWatch(String registryName, boolean keyStoreConfigured) {
        this.keyStoreProperty = registryName == null ? "quarkus.data-protection.redis.tls.key-store.path"
                : "quarkus.tls." + registryName + ".key-store.*";
        this.trustStoreProperty = registryName == null ? "quarkus.data-protection.redis.tls.trust-store.path"
                : "quarkus.tls." + registryName + ".trust-store.*";
        this.keyStoreConfigured = keyStoreConfigured;
    }

    @Override
    public void afterBoostrapInitialization(Bootstrap bootstrap) {
        // Nothing to change on the bootstrap.
    }

    @Override
    public void afterChannelInitialization(Channel channel) {
        ChannelHandlerContext ssl = channel.pipeline().context(SslHandler.class);
        if (ssl != null) {
            // Right after the SslHandler: Redisson's last handler logs exceptions without passing them on.
            channel.pipeline().addAfter(ssl.name(), "data-protection-tls-watch", handler);
        }
    }

    /** How many handshakes have failed so far; a store operation compares it before and after. */
    long failures() {
        return failures.get();
    }

    /** The explanation of the last handshake failure, if one happened after {@code failuresBefore} were counted. */
    Optional<String> explanationSince(long failuresBefore) {
        return failures.get() > failuresBefore ? Optional.ofNullable(lastExplanation.get()) : Optional.empty();
    }

    private void record(SocketAddress remote, Throwable failure) {
        String explanation = explain(address(remote), reason(failure));
        lastExplanation.set(explanation);
        failures.incrementAndGet();
        if (logged.compareAndSet(false, true)) {
            LOG.warn(explanation);
        } else {
            LOG.debug(explanation);
        }
    }

    /** The sentence for a handshake with {@code address} that failed for {@code reason}. */
    String explain(String address, String reason) {
        String lower = reason.toLowerCase(java.util.Locale.ROOT);
        String fix;
        if (lower.contains("certificate_required") || lower.contains("bad_certificate")
                || lower.contains("unknown_ca") || lower.contains("certificate_unknown")) {
            fix = keyStoreConfigured
                    ? "the server did not accept the client certificate: check that the CA of its tls-ca-cert-file "
                            + "signed the certificate in " + keyStoreProperty
                    : "the server requires a client certificate (tls-auth-clients yes) and none is configured: set "
                            + keyStoreProperty + " to the client certificate and key (PEM or PKCS12)";
        } else if (lower.contains("certification path") || lower.contains("pkix")
                || lower.contains("subject alternative") || lower.contains("no name matching")) {
            fix = "the server's certificate is not trusted or does not name the host: set " + trustStoreProperty
                    + " to the CA that signed it, and connect to a host name the certificate names";
        } else {
            fix = "check the server's TLS settings against " + trustStoreProperty + " and " + keyStoreProperty;
        }
        return "TLS handshake with Redis " + address + " failed (" + reason + "): " + fix;
    }

    private static String address(SocketAddress remote) {
        if (remote instanceof InetSocketAddress inet) {
            return "rediss://" + inet.getHostString() + ":" + inet.getPort();
        }
        return String.valueOf(remote);
    }

    /** The message of the innermost SSLException in the chain, one line, short. */
    private static String reason(Throwable failure) {
        String reason = failure.getClass().getSimpleName();
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable t = failure; t != null && seen.put(t, Boolean.TRUE) == null; t = t.getCause()) {
            if (t instanceof SSLException && t.getMessage() != null) {
                reason = t.getMessage();
            }
        }
        reason = reason.lines().findFirst().orElse("").trim();
        return reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) + "..." : reason;
    }

    /**
     * Whether a handshake failure is in the chain: a refused client certificate arrives as one after the handshake
     * "completed". Other TLS errors (a peer closing without close_notify in an outage) are not handshake failures.
     */
    private static boolean isHandshakeFailure(Throwable failure) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable t = failure; t != null && seen.put(t, Boolean.TRUE) == null; t = t.getCause()) {
            if (t instanceof SSLHandshakeException) {
                return true;
            }
        }
        return false;
    }

    /** Records failed handshakes and TLS errors after them (a refused client certificate, with TLS 1.3). */
    @ChannelHandler.Sharable
    private final class Recorder extends ChannelInboundHandlerAdapter {

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
            if (event instanceof SslHandshakeCompletionEvent completion && !completion.isSuccess()) {
                record(ctx.channel().remoteAddress(), completion.cause());
            }
            super.userEventTriggered(ctx, event);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) throws Exception {
            if (isHandshakeFailure(cause)) {
                record(ctx.channel().remoteAddress(), cause);
            }
            super.exceptionCaught(ctx, cause);
        }
    }
}
