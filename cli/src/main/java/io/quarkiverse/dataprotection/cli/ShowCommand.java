package io.quarkiverse.dataprotection.cli;

import java.util.UUID;

import io.quarkiverse.dataprotection.cdi.ConfiguredKeyRing;
import io.quarkiverse.dataprotection.keys.Key;
import io.quarkiverse.dataprotection.keys.NetGuid;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code show <id>}: one key in detail. Read only; exit 4 when the ring has no such key. */
@Command(name = "show", mixinStandardHelpOptions = true, description = "Shows one key.")
final class ShowCommand extends RingCommand {

    @Parameters(paramLabel = "ID", description = "The key id.")
    String id;

    @Override
    int run(ConfiguredKeyRing ring) {
        UUID keyId = KeyIds.parse(id);
        RingView view = RingView.read(ring);
        Key key = view.find(keyId).orElseThrow(() -> CliException.notFound("The key ring in "
                + view.status().store() + " has no key " + NetGuid.format(keyId)));
        out().print(json() ? KeyReport.json(key, view) + System.lineSeparator() : KeyReport.details(key, view));
        return ExitCode.OK;
    }
}
