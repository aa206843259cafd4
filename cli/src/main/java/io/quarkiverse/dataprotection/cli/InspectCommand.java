package io.quarkiverse.dataprotection.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.quarkiverse.dataprotection.DataProtectionException;
import io.quarkiverse.dataprotection.DataProtector;
import io.quarkiverse.dataprotection.cdi.ConfiguredKeyRing;
import io.quarkiverse.dataprotection.keys.Key;
import io.quarkiverse.dataprotection.keys.NetGuid;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code inspect <payload>}: reads a protected payload's header (magic number, key id) and tells whether this ring
 * has the key and in which state: the first question behind "the key was not found in the key ring". It decrypts
 * only with {@code --unprotect} and the purposes, and even then prints only whether it worked and how many bytes came
 * out, never the data.
 */
@Command(name = "inspect", mixinStandardHelpOptions = true, description = "Tells which key protected a payload and whether this ring has it; decrypts nothing unless "
        + "--unprotect.")
final class InspectCommand extends RingCommand {

    @Parameters(paramLabel = "PAYLOAD", description = "The protected payload, base64url (e.g. a cookie value).")
    String payload;

    @Option(names = "--unprotect", description = "Also try to unprotect it with --purpose (prints no plaintext).")
    boolean unprotect;

    @Option(names = "--purpose", paramLabel = "PURPOSE", description = "A purpose of the chain, in order (repeatable), after the application name.")
    List<String> purposes = new ArrayList<>();

    @Override
    int run(ConfiguredKeyRing ring) {
        if (unprotect && purposes.isEmpty()) {
            throw CliException.usage("--unprotect needs the purpose chain: --purpose PURPOSE, once per purpose, in "
                    + "the order the service's CreateProtector calls give them");
        }
        Payload parsed = Payload.parse(payload);
        Json json = Json.object().put("magicHeader", parsed.magicHeader()).put("validHeader", parsed.validHeader())
                .put("keyId", parsed.keyId().map(NetGuid::format).orElse(null));
        if (!parsed.validHeader()) {
            print(json.put("inRing", false), "magic header: " + parsed.magicHeader() + " (expected " + Payload.MAGIC
                    + "): not an ASP.NET Core data protection payload");
            return ExitCode.NOT_FOUND;
        }
        RingView view = RingView.read(ring);
        Optional<Key> key = view.find(parsed.keyId().get());
        json.put("inRing", key.isPresent()).put("key", key.map(found -> KeyReport.json(found, view)).orElse(null));
        StringBuilder text = new StringBuilder("magic header: " + Payload.MAGIC + " (data protection payload)"
                + System.lineSeparator() + "key id:       " + NetGuid.format(parsed.keyId().get())
                + System.lineSeparator() + "in this ring: " + key.map(found -> "yes, " + view.state(found))
                        .orElse("no: protected by another key ring (another store, or a key deleted or not yet read)"));
        int code = key.isPresent() ? ExitCode.OK : ExitCode.NOT_FOUND;
        if (unprotect && key.isPresent()) {
            code = unprotect(ring, parsed, json, text);
        }
        print(json, text.toString());
        return code;
    }

    private int unprotect(ConfiguredKeyRing ring, Payload parsed, Json json, StringBuilder text) {
        String applicationName = ring.provider().applicationName();
        DataProtector protector = ring.provider().createProtector(purposes.get(0),
                purposes.subList(1, purposes.size()).toArray(String[]::new));
        Json result = Json.object().put("applicationName", applicationName).put("purposes", purposes);
        String chain = (applicationName == null ? "(no application name)" : applicationName) + " > "
                + String.join(" > ", purposes);
        text.append(System.lineSeparator()).append("unprotect:    ");
        int code;
        try {
            int length = protector.unprotect(parsed.bytes()).length;
            result.put("succeeded", true).put("plaintextBytes", length);
            text.append("succeeded with ").append(chain).append(" (").append(length).append(" bytes, not shown)");
            code = ExitCode.OK;
        } catch (DataProtectionException e) {
            result.put("succeeded", false).put("plaintextBytes", null);
            text.append("failed with ").append(chain).append(": ").append(e.getMessage())
                    .append(" (another purpose or application name, or tampered)");
            code = ExitCode.NOT_FOUND;
        }
        json.put("unprotect", result);
        return code;
    }

    private void print(Json json, String text) {
        out().println(json() ? json.toString() : text);
    }
}
