package io.quarkiverse.dataprotection.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The BOM users import names the SDK versions the build tests with: every version property of {@code bom/pom.xml}
 * has the same value in the parent pom. (The parent cannot import the BOM: Maven does not resolve an imported BOM
 * from the reactor.)
 */
class BomVersionsTest {

    private static final Pattern PROPERTY = Pattern.compile("<([\\w.-]+\\.version)>([^<]+)</\\1>");

    @Test
    void bomVersions_matchTheVersionsTheBuildTestsWith() throws IOException {
        Map<String, String> bom = versions(Path.of("..", "bom", "pom.xml"));
        Map<String, String> parent = versions(Path.of("..", "pom.xml"));
        assertThat(bom).isNotEmpty();
        bom.forEach((property, version) -> assertThat(parent.get(property)).as(property).isEqualTo(version));
    }

    private static Map<String, String> versions(Path pom) throws IOException {
        Map<String, String> versions = new TreeMap<>();
        Matcher m = PROPERTY.matcher(Files.readString(pom));
        while (m.find()) {
            versions.put(m.group(1), m.group(2));
        }
        return versions;
    }
}
