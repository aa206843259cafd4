package io.quarkiverse.dataprotection.cli;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.quarkiverse.dataprotection.cdi.ConfiguredKeyRing;
import io.quarkiverse.dataprotection.keys.Key;
import io.quarkiverse.dataprotection.keys.NetGuid;
import io.quarkiverse.dataprotection.spi.XmlRepositoryException;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code revoke <id>} or {@code revoke --all --before <date>}: writes a revocation (ASP.NET's {@code <revocation>}
 * element). Revoked keys never protect again, and unprotect only through the "persisted" API; it cannot be undone,
 * so the command asks first unless {@code --yes}.
 */
@Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revokes one key, or every key created before a date.")
final class RevokeCommand extends RingCommand {

    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    @Option(names = "--before", paramLabel = "DATE", description = "With --all: revoke the keys created before it.")
    String before;

    @Option(names = "--reason", paramLabel = "TEXT", description = "Recorded in the revocation.")
    String reason;

    @Option(names = { "-y", "--yes" }, description = "Do not ask for confirmation.")
    boolean yes;

    static final class Target {

        @Parameters(paramLabel = "ID", description = "The key to revoke.")
        String id;

        @Option(names = "--all", required = true, description = "Revoke every key created before --before.")
        boolean all;
    }

    @Override
    int run(ConfiguredKeyRing ring) {
        if (target.all && before == null) {
            throw CliException.usage("revoke --all needs --before DATE (e.g. --before now): the keys created before "
                    + "it are revoked");
        }
        if (!target.all && before != null) {
            throw CliException.usage("--before goes with --all; to revoke one key give only its id");
        }
        RingView view = RingView.read(ring);
        try {
            return target.all ? revokeAll(ring, view) : revokeOne(ring, view, KeyIds.parse(target.id));
        } catch (XmlRepositoryException e) {
            throw new CliException(ExitCode.STORE_UNREACHABLE, e.getMessage(), e);
        }
    }

    private int revokeOne(ConfiguredKeyRing ring, RingView view, UUID id) {
        Key key = view.find(id).orElseThrow(() -> CliException.notFound("The key ring in " + view.status().store()
                + " has no key " + NetGuid.format(id)));
        Confirmation.require(yes, "Revoke key " + NetGuid.format(id) + " (" + view.state(key) + ") in "
                + view.status().store() + "? It cannot be undone.", root.in(), err());
        ring.provider().keyManager().revokeKey(id, reason);
        print(Json.object().put("revoked", List.of(NetGuid.format(id))),
                "Revoked key " + NetGuid.format(id));
        return ExitCode.OK;
    }

    private int revokeAll(ConfiguredKeyRing ring, RingView view) {
        Instant date = Dates.parse("--before", before, Instant.now());
        var affected = view.keys().stream().filter(key -> key.creationDate().isBefore(date) && !key.isRevoked())
                .map(key -> NetGuid.format(key.id())).toList();
        Confirmation.require(yes, "Revoke all " + affected.size() + " keys created before " + date + " in "
                + view.status().store() + "? It cannot be undone.", root.in(), err());
        ring.provider().keyManager().revokeAllKeys(date, reason);
        print(Json.object().put("revoked", affected).put("before", date.toString()),
                "Revoked every key created before " + date + " (" + affected.size() + " keys not revoked before)");
        return ExitCode.OK;
    }

    private void print(Json json, String text) {
        out().println(json() ? json.toString() : text);
    }
}
