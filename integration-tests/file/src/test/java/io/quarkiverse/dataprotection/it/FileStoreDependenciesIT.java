package io.quarkiverse.dataprotection.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The packaged file-store service (which depends on quarkus-data-protection only) ships no Redis, Azure or Reactor
 * jar: each SDK comes only with its own extension.
 */
class FileStoreDependenciesIT {

    @Test
    void packagedFileStoreApp_hasNoRedissonAzureOrReactorJar() throws IOException {
        Path lib = Path.of("target", "quarkus-app", "lib");
        List<String> jars;
        try (Stream<Path> files = Files.walk(lib)) {
            jars = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".jar")).toList();
        }
        assertThat(jars).as("the application's jars").anyMatch(n -> n.startsWith("io.quarkiverse.dataprotection."));
        assertThat(jars).noneMatch(n -> n.startsWith("org.redisson."))
                .noneMatch(n -> n.startsWith("com.azure."))
                .noneMatch(n -> n.startsWith("io.projectreactor."));
    }
}
