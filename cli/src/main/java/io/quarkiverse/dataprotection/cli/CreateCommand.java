package io.quarkiverse.dataprotection.cli;

import java.time.Instant;

import io.quarkiverse.dataprotection.cdi.ConfiguredKeyRing;
import io.quarkiverse.dataprotection.keys.Key;
import io.quarkiverse.dataprotection.keys.NetGuid;
import io.quarkiverse.dataprotection.spi.XmlRepositoryException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code create}: stores a new key, encrypted with the configured key encryption and with the configured algorithms.
 * Instances use it once they refresh; one activating now may meet instances that have not read it yet, so the
 * default activation is now plus nothing only when asked for.
 */
@Command(name = "create", mixinStandardHelpOptions = true, description = "Creates a key.")
final class CreateCommand extends RingCommand {

    @Option(names = "--activation", paramLabel = "DATE", defaultValue = "now", description = "When the key starts protecting (default: now). Give a later date to let every instance read "
            + "it first (propagation-window, 2 days by default).")
    String activation;

    @Option(names = "--expiration", paramLabel = "DATE", description = "When the key stops protecting (default: activation plus key-lifetime).")
    String expiration;

    @Override
    boolean createsStore() {
        return true;
    }

    @Override
    int run(ConfiguredKeyRing ring) {
        Instant now = Instant.now();
        Instant activationDate = Dates.parse("--activation", activation, now);
        Instant expirationDate = expiration == null
                ? activationDate.plus(ring.settings().keyPolicy().keyLifetime())
                : Dates.parse("--expiration", expiration, now);
        if (!expirationDate.isAfter(activationDate)) {
            throw CliException.usage("--expiration " + expirationDate + " must be after --activation "
                    + activationDate);
        }
        RingView.read(ring);
        Key key;
        try {
            key = ring.provider().keyManager().createNewKey(activationDate, expirationDate);
        } catch (XmlRepositoryException e) {
            throw new CliException(ExitCode.STORE_UNREACHABLE, e.getMessage(), e);
        }
        if (json()) {
            out().println(Json.object().put("created", NetGuid.format(key.id()))
                    .put("activationDate", key.activationDate().toString())
                    .put("expirationDate", key.expirationDate().toString())
                    .put("keyEncryption", ring.keyEncryption().orElse(null)));
        } else {
            out().println("Created key " + NetGuid.format(key.id()) + ", active from " + key.activationDate()
                    + " until " + key.expirationDate() + ", encrypted with "
                    + ring.keyEncryption().orElse("nothing (stored unencrypted)"));
        }
        return ExitCode.OK;
    }
}
