package io.quarkiverse.dataprotection.cli;

import java.util.List;

import io.quarkiverse.dataprotection.cdi.ConfiguredKeyRing;
import io.quarkiverse.dataprotection.keys.Key;
import io.quarkiverse.dataprotection.keys.NetGuid;
import io.quarkiverse.dataprotection.spi.XmlRepositoryException;
import picocli.CommandLine.Command;

/**
 * {@code reencrypt}: encrypts every key's master key to the configured certificate (or Key Vault certificate), after
 * a certificate rotation or to encrypt a ring stored unencrypted. Core writes each new element before it removes the
 * old one, so a key is never missing; keys whose secret no configured certificate decrypts are left as they are and
 * listed.
 */
@Command(name = "reencrypt", mixinStandardHelpOptions = true, description = "Re-encrypts every key to the configured certificate (keep the old one as a "
        + "--decryption-certificate).")
final class ReencryptCommand extends RingCommand {

    @Override
    int run(ConfiguredKeyRing ring) {
        if (ring.keyEncryption().isEmpty()) {
            throw new CliException(ExitCode.CONFIG, "Missing " + RingOptions.PREFIX + "key-encryption.type: "
                    + "reencrypt needs the certificate new keys are encrypted to; set it to certificate (with "
                    + RingOptions.PREFIX + "key-encryption.certificate.*) or azure-key-vault, or pass --certificate "
                    + "FILE");
        }
        RingView.read(ring);
        int rewritten;
        try {
            rewritten = ring.provider().keyManager().reencryptKeys();
        } catch (XmlRepositoryException e) {
            throw new CliException(ExitCode.STORE_UNREACHABLE, e.getMessage(), e);
        }
        RingView after = RingView.read(ring);
        List<String> leftAsTheyAre = after.keys().stream().filter(key -> !key.canEncrypt()).map(Key::id)
                .map(NetGuid::format).toList();
        if (json()) {
            out().println(Json.object().put("reencrypted", rewritten)
                    .put("keyEncryption", ring.keyEncryption().get())
                    .put("undecryptable", leftAsTheyAre));
        } else {
            out().println("Re-encrypted " + rewritten + " keys with " + ring.keyEncryption().get());
            if (!leftAsTheyAre.isEmpty()) {
                out().println("Left as they are (no configured certificate decrypts them): "
                        + String.join(", ", leftAsTheyAre));
            }
        }
        return ExitCode.OK;
    }
}
