package io.quarkiverse.dataprotection.jdbc;

import java.sql.SQLException;

import io.quarkiverse.dataprotection.spi.XmlRepositoryException;

/**
 * Turns driver exceptions into {@link XmlRepositoryException}s that never carry key material. Drivers may echo the
 * values of a statement: PostgreSQL's {@code Detail: Failing row contains (..., <key ...>)}, PgJDBC's
 * {@code Batch entry 0 INSERT ... VALUES (...)}, MariaDB's {@code Query is: ...}. So the message is cut at the first such
 * part, and the driver's exception is replaced by a copy with that message (its stack trace kept), so that logging the
 * cause prints nothing more. Stateless.
 */
final class SqlFailures {

    private static final String[] DETAILS = { "<", "\n", "Detail:", "DETAIL:", "Failing row", "Batch entry", "Query is",
            "parameters", "Where:", "Position:" };
    private static final int MAX_LENGTH = 300;

    private SqlFailures() {
    }

    static XmlRepositoryException failure(String store, String what, Exception cause) {
        String described = describe(cause);
        SQLException sanitized = new SQLException(described, cause instanceof SQLException sql ? sql.getSQLState() : null);
        sanitized.setStackTrace(cause.getStackTrace());
        return new XmlRepositoryException("JDBC key store " + store + " " + what + ": " + described, sanitized);
    }

    /** The message without echoed values, with the SQL state when there is one. */
    static String describe(Throwable cause) {
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        int cut = -1;
        for (String detail : DETAILS) {
            int at = message.indexOf(detail);
            if (at >= 0 && (cut < 0 || at < cut)) {
                cut = at;
            }
        }
        if (cut >= 0) {
            message = (message.substring(0, cut).strip() + " (details omitted)").strip();
        }
        if (message.length() > MAX_LENGTH) {
            message = message.substring(0, MAX_LENGTH) + "...";
        }
        if (cause instanceof SQLException sql && sql.getSQLState() != null) {
            message += " [SQLState " + sql.getSQLState() + "]";
        }
        return message;
    }
}
