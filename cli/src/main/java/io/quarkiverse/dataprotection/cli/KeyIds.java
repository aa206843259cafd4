package io.quarkiverse.dataprotection.cli;

import java.util.UUID;

import io.quarkiverse.dataprotection.keys.NetGuid;

/** Key ids given on the command line, in any form .NET reads. Stateless. */
final class KeyIds {

    private KeyIds() {
    }

    /** @throws CliException with {@link ExitCode#USAGE} when {@code text} is not a GUID */
    static UUID parse(String text) {
        UUID id = NetGuid.parseOrNull(text);
        if (id == null) {
            throw CliException.usage("'" + text + "' is not a key id; give a GUID such as "
                    + "80732141-ec8f-4b80-af9c-c4d2d1ff8901 (see the list command)");
        }
        return id;
    }
}
