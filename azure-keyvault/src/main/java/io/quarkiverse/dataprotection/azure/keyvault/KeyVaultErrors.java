package io.quarkiverse.dataprotection.azure.keyvault;

import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.azure.core.exception.ClientAuthenticationException;
import com.azure.core.exception.HttpResponseException;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.RequestRetryCondition;
import com.azure.identity.CredentialUnavailableException;

/**
 * Turns what the Azure SDK throws into one message that says what failed and what to fix, for logs, exceptions and
 * health alike:
 * <ul>
 * <li>the credential could not get a token: {@code Azure credential failed for vault {url}: {first line of the
 * cause} — check {what this credential needs}};</li>
 * <li>the vault answered an error: the vault, the object, the call, the status, and the role, permission or setting
 * to fix;</li>
 * <li>no answer: the vault, the object, the call and the I/O failure.</li>
 * </ul>
 * A {@link ClientAuthenticationException} is a credential failure unless it carries the vault's own 401 response.
 * Messages never quote a token or key material: they quote the first line of the SDK's and the service's error text,
 * which carries neither. Stateless.
 */
final class KeyVaultErrors {

    /** What kind of vault object a call is about; decides the role named for a 403. */
    enum Subject {
        CERTIFICATE("certificate", "grant the identity the RBAC role 'Key Vault Certificate User' on the vault or the "
                + "certificate (or an access policy with get and list on certificates and get on secrets)",
                "check the vault URL and the certificate name"),
        KEY("key", "grant the identity the RBAC role 'Key Vault Crypto User' on the vault or the key (or an access "
                + "policy with get, wrapKey and unwrapKey on keys); a disabled key version is refused with 403 too",
                "check the vault URL, the key name and the version (a deleted key cannot unwrap what it wrapped; "
                        + "recover it from the vault's soft-delete)");

        final String noun;
        final String forbidden;
        final String notFound;

        Subject(String noun, String forbidden, String notFound) {
            this.noun = noun;
            this.forbidden = forbidden;
            this.notFound = notFound;
        }
    }

    private static final Pattern SERVICE_MESSAGE = Pattern.compile("\"message\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.){1,300})");
    private static final int MAX_CHAIN = 16;
    private static final String MSAL_PACKAGE = "com.microsoft.aad.msal4j.";

    private KeyVaultErrors() {
    }

    /**
     * @param vaultUrl the vault called
     * @param subject what was called about, e.g. {@code key 'dp'}
     * @param action the call, e.g. {@code unwrapKey}
     * @param credentialHint what the configured credential needs, for credential failures
     * @param retries the SDK's retries of 429, 5xx and I/O failures
     */
    static KeyVaultFailure describe(Throwable e, String vaultUrl, Subject kind, String subject, String action,
            String credentialHint, int retries) {
        HttpResponse vaultResponse = vaultResponse(e, vaultUrl);
        if (vaultResponse != null) {
            int status = vaultResponse.getStatusCode();
            return new KeyVaultFailure(outcome(status), "Azure Key Vault " + vaultUrl + ", " + kind.noun + " " + subject
                    + ": " + action + " failed with HTTP " + status + " — " + hint(kind, status, retries)
                    + serviceMessage(e));
        }
        Throwable credential = credentialFailure(e);
        if (credential != null) {
            return new KeyVaultFailure(KeyVaultOutcome.CREDENTIAL_FAILURE, "Azure credential failed for vault " + vaultUrl
                    + ": " + firstLine(credential.getMessage(), credential) + " — check " + credentialHint);
        }
        Throwable cause = rootCause(e);
        return new KeyVaultFailure(KeyVaultOutcome.UNREACHABLE, "Azure Key Vault " + vaultUrl + ", " + kind.noun + " "
                + subject + ": " + action + " failed with no HTTP response after " + retries + " retries — "
                + cause.getClass().getSimpleName() + ": " + firstLine(cause.getMessage(), cause)
                + "; check the vault URL, DNS, proxy and firewall");
    }

    /** The vault's own error response in the cause chain, or null (a token endpoint's response is not the vault's). */
    private static HttpResponse vaultResponse(Throwable e, String vaultUrl) {
        for (Throwable t : chain(e)) {
            if (t instanceof HttpResponseException http && http.getResponse() != null
                    && http.getResponse().getRequest() != null && http.getResponse().getRequest().getUrl() != null
                    && http.getResponse().getRequest().getUrl().toString().toLowerCase(Locale.ROOT)
                            .startsWith(vaultUrl.toLowerCase(Locale.ROOT))) {
                return http.getResponse();
            }
        }
        return null;
    }

    /**
     * The credential's failure in the cause chain, or null: MSAL's own exception when there is one (azure-identity
     * may rethrow it wrapped in a bare {@code RuntimeException}; its message is Entra ID's {@code AADSTS…} line), else
     * the outermost azure-identity or azure-core authentication exception.
     */
    static Throwable credentialFailure(Throwable e) {
        Throwable found = null;
        for (Throwable t : chain(e)) {
            if (t.getClass().getName().startsWith(MSAL_PACKAGE)) {
                return t;
            }
            if (found == null && (t instanceof CredentialUnavailableException || t instanceof ClientAuthenticationException)) {
                found = t;
            }
        }
        return found;
    }

    /**
     * The SDK's retry rule minus credential failures: 408, 429 and 5xx (but 501 and 505) responses and I/O failures
     * are retried, a credential that could not get a token is not (its own client retries what is transient, and a
     * wrong secret does not heal in seconds).
     */
    static boolean retryable(RequestRetryCondition condition) {
        if (condition.getResponse() != null) {
            int status = condition.getResponse().getStatusCode();
            return status == 408 || status == 429 || (status >= 500 && status != 501 && status != 505);
        }
        return condition.getThrowable() != null && credentialFailure(condition.getThrowable()) == null;
    }

    private static KeyVaultOutcome outcome(int status) {
        return switch (status) {
            case 401 -> KeyVaultOutcome.UNAUTHORIZED;
            case 403 -> KeyVaultOutcome.FORBIDDEN;
            case 404 -> KeyVaultOutcome.NOT_FOUND;
            case 429 -> KeyVaultOutcome.THROTTLED;
            default -> status >= 500 ? KeyVaultOutcome.SERVER_ERROR : KeyVaultOutcome.CLIENT_ERROR;
        };
    }

    private static String hint(Subject kind, int status, int retries) {
        return switch (status) {
            case 401 -> "the vault refused the token: check that the identity belongs to the vault's tenant";
            case 403 -> kind.forbidden + "; with a vault firewall, also allow this network";
            case 404 -> kind.notFound;
            case 429 -> "Key Vault throttled the calls, retried " + retries + " times honouring Retry-After; its limits "
                    + "are per vault and region, shared by every client of the vault";
            case 400 -> kind == Subject.KEY
                    ? "the key must be an RSA key allowing wrapKey and unwrapKey, and the wrapped data must be its own"
                    : "the request was refused";
            default -> status >= 500 ? "a Key Vault service error, retried " + retries + " times; tried again later"
                    : "the request was refused";
        };
    }

    /** The first line of the service's error message, when it has one: Key Vault's own explanation. */
    private static String serviceMessage(Throwable e) {
        for (Throwable t : chain(e)) {
            if (t.getMessage() != null) {
                Matcher m = SERVICE_MESSAGE.matcher(t.getMessage());
                if (m.find()) {
                    String text = firstLine(m.group(1).replace("\\r", "\n").replace("\\n", "\n"), t);
                    return " (Key Vault says: " + text + ")";
                }
            }
        }
        return "";
    }

    static String firstLine(String message, Throwable owner) {
        if (message == null || message.isBlank()) {
            return owner.getClass().getSimpleName();
        }
        String line = message.strip();
        int end = line.indexOf('\n');
        line = (end < 0 ? line : line.substring(0, end)).strip();
        return line.length() > 400 ? line.substring(0, 400) + "…" : line;
    }

    private static Throwable rootCause(Throwable e) {
        Throwable root = e;
        for (Throwable t : chain(e)) {
            root = t;
        }
        // A bare wrapper says less than what it wraps; the SDK's own message ("Connection refused") is the cause.
        return root;
    }

    private static Iterable<Throwable> chain(Throwable e) {
        Set<Throwable> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        java.util.List<Throwable> chain = new java.util.ArrayList<>();
        for (Throwable t = e; t != null && chain.size() < MAX_CHAIN && seen.add(t); t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }
}
