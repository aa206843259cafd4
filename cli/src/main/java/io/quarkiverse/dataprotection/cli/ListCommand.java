package io.quarkiverse.dataprotection.cli;

import java.util.List;

import io.quarkiverse.dataprotection.cdi.ConfiguredKeyRing;
import io.quarkiverse.dataprotection.keys.NetGuid;
import picocli.CommandLine.Command;

/** {@code list}: every key with its dates, state and encryption, and the ring's status. Read only. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "Lists every key of the ring.")
final class ListCommand extends RingCommand {

    @Override
    int run(ConfiguredKeyRing ring) {
        RingView view = RingView.read(ring);
        if (json()) {
            out().println(Json.object()
                    .put("store", view.status().store())
                    .put("ready", view.status().isReady())
                    .put("defaultKeyId", view.status().defaultKeyId().map(NetGuid::format).orElse(null))
                    .put("keyEncryption", ring.keyEncryption().orElse(null))
                    .put("keys", view.keys().stream().map(key -> KeyReport.json(key, view)).toList())
                    .put("unreadableElements", view.status().unreadableElements())
                    .put("fault", view.status().fault().orElse(null))
                    .put("warnings", view.status().warnings()));
            return ExitCode.OK;
        }
        out().println("store:          " + view.status().store());
        out().println("key encryption: " + ring.keyEncryption().orElse("none (new keys are stored unencrypted)"));
        out().println("default key:    " + view.status().defaultKeyId().map(NetGuid::format)
                .orElse("none (no usable key is active now)"));
        view.status().fault().ifPresent(fault -> out().println("fault:          " + fault));
        warnings(view.status().warnings());
        out().println();
        if (view.keys().isEmpty()) {
            out().println("The ring has no keys.");
            return ExitCode.OK;
        }
        out().println(KeyReport.TABLE_HEADER);
        view.keys().forEach(key -> out().println(KeyReport.row(key, view)));
        return ExitCode.OK;
    }

    private void warnings(List<String> warnings) {
        warnings.forEach(warning -> out().println("warning:        " + warning));
    }
}
