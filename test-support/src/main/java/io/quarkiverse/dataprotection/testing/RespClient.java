package io.quarkiverse.dataprotection.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A minimal RESP2 client for tests: one command per connection, so a test can talk to Redis without depending on
 * the client under test (Redisson). Keys and values are UTF-8 strings.
 * <p>
 * Replies map to Java as: simple string and bulk string → {@link String}, integer → {@link Long}, array →
 * {@code List<Object>}, nil → {@code null}, error → {@link RedisErrorReply} thrown.
 * <p>
 * Thread-safety: stateless; every call opens its own connection.
 */
public final class RespClient {

    private RespClient() {
    }

    /**
     * Sends one command and returns its reply.
     *
     * @throws RedisErrorReply when Redis answers with an error
     * @throws UncheckedIOException when the server cannot be reached or the connection breaks
     */
    public static Object call(String host, int port, Duration timeout, String... command) {
        return callAuthenticated(host, port, timeout, null, command);
    }

    /** As {@link #call(String, int, Duration, String...)}, authenticating first with {@code AUTH password} when set. */
    public static Object callAuthenticated(String host, int port, Duration timeout, String password,
            String... command) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            OutputStream out = socket.getOutputStream();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            if (password != null) {
                out.write(encode("AUTH", password));
                out.flush();
                read(in);
            }
            out.write(encode(command));
            out.flush();
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Redis at " + host + ":" + port + " did not answer "
                    + (command.length == 0 ? "" : command[0]) + ": " + e.getMessage(), e);
        }
    }

    static byte[] encode(String... command) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        writeAscii(buffer, "*" + command.length + "\r\n");
        for (String argument : command) {
            byte[] bytes = argument.getBytes(StandardCharsets.UTF_8);
            writeAscii(buffer, "$" + bytes.length + "\r\n");
            buffer.writeBytes(bytes);
            writeAscii(buffer, "\r\n");
        }
        return buffer.toByteArray();
    }

    static Object read(InputStream in) throws IOException {
        int type = in.read();
        if (type < 0) {
            throw new EOFException("connection closed before a reply");
        }
        String line = readLine(in);
        switch (type) {
            case '+':
                return line;
            case '-':
                throw new RedisErrorReply(line);
            case ':':
                return Long.parseLong(line);
            case '$': {
                int length = Integer.parseInt(line);
                if (length < 0) {
                    return null;
                }
                byte[] bytes = in.readNBytes(length);
                if (bytes.length < length || in.read() != '\r' || in.read() != '\n') {
                    throw new EOFException("truncated bulk string");
                }
                return new String(bytes, StandardCharsets.UTF_8);
            }
            case '*': {
                int count = Integer.parseInt(line);
                if (count < 0) {
                    return null;
                }
                List<Object> items = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    items.add(read(in));
                }
                return items;
            }
            default:
                throw new IOException("not a RESP reply, type byte " + type);
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int previous = -1;
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed in the middle of a reply");
            }
            if (previous == '\r' && b == '\n') {
                byte[] bytes = line.toByteArray();
                return new String(bytes, 0, bytes.length - 1, StandardCharsets.UTF_8);
            }
            line.write(b);
            previous = b;
        }
    }

    private static void writeAscii(ByteArrayOutputStream buffer, String text) {
        buffer.writeBytes(text.getBytes(StandardCharsets.US_ASCII));
    }

    /** Redis answered a command with an error reply ({@code -ERR ...}, {@code -MOVED ...}). */
    public static final class RedisErrorReply extends RuntimeException {

        private static final long serialVersionUID = 1L;

        public RedisErrorReply(String message) {
            super(message);
        }
    }
}
