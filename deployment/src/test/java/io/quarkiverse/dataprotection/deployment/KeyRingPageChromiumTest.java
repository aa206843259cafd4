package io.quarkiverse.dataprotection.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.dataprotection.DataProtector;
import io.quarkiverse.dataprotection.Protector;
import io.quarkus.test.QuarkusDevModeTest;
import io.vertx.core.json.JsonObject;

/**
 * The Dev UI's key ring page, rendered by headless Chromium against the application in dev mode: the status and the
 * ring table show the application's key. The screenshot is kept as {@code target/devui/key-ring.png}. Skipped, saying
 * so, only when Debian's {@code chromium} is not installed.
 */
class KeyRingPageChromiumTest {

    static final int PORT = port();
    static final Path SCREENSHOT = Path.of("target", "devui", "key-ring.png");
    /** A bound for the page to load its modules and render, not a performance expectation. */
    static final Duration RENDER = Duration.ofSeconds(120);

    @RegisterExtension
    static final QuarkusDevModeTest TEST = new QuarkusDevModeTest()
            .withApplicationRoot(jar -> jar.addClass(Orders.class)
                    .addAsResource(new StringAsset("quarkus.http.port=" + PORT + "\n"
                            + "quarkus.data-protection.key-store=memory\n"), "application.properties"));

    /** Finds the page component through every shadow root and reads what it rendered. */
    static final String READ_PAGE = """
            (() => {
              const find = (root, selector) => {
                const found = root.querySelector(selector);
                if (found) return found;
                for (const element of root.querySelectorAll('*')) {
                  if (element.shadowRoot) {
                    const inner = find(element.shadowRoot, selector);
                    if (inner) return inner;
                  }
                }
                return null;
              };
              const page = find(document, 'qwc-data-protection-key-ring');
              if (!page || !page.shadowRoot) return JSON.stringify({ found: false });
              const grid = page.shadowRoot.querySelector('#keys');
              const status = page.shadowRoot.querySelector('#status');
              const error = page.shadowRoot.querySelector('#error');
              return JSON.stringify({
                found: true,
                rows: grid && grid.items ? grid.items.length : 0,
                cells: grid ? Array.from(grid.querySelectorAll('vaadin-grid-cell-content')).map(c => c.textContent.trim()).join('|') : '',
                status: status ? status.textContent.replace(/\\s+/g, ' ') : '',
                error: error ? error.textContent : null
              });
            })()
            """;

    @Singleton
    static class Orders {

        @Inject
        @Protector({ "orders", "v2" })
        DataProtector protector;
    }

    static int port() {
        String existing = System.getProperty("data-protection.test.devui-port");
        if (existing != null) {
            return Integer.parseInt(existing);
        }
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            System.setProperty("data-protection.test.devui-port", String.valueOf(socket.getLocalPort()));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void keyRingPage_inDevMode_rendersTheRingTableWithTheDefaultKey() throws Exception {
        Optional<Path> chromium = HeadlessChromium.executable();
        Assumptions.assumeTrue(chromium.isPresent(),
                "Skipped: Debian's chromium is not installed (apt-get install -y chromium) to render the Dev UI page");
        try (HeadlessChromium browser = HeadlessChromium.start(chromium.get())) {
            browser.navigate("http://localhost:" + PORT + "/q/dev-ui/quarkus-data-protection/key-ring");
            JsonObject page = waitForRows(browser);
            browser.screenshot(SCREENSHOT);

            assertThat(page.getBoolean("found")).as("page component rendered: %s", page).isTrue();
            assertThat(page.getString("error")).as("page error").isNull();
            assertThat(page.getInteger("rows")).isEqualTo(1);
            assertThat(page.getString("cells")).containsPattern("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-")
                    .contains("default", "AES_256_CBC+HMACSHA256", "not encrypted");
            assertThat(page.getString("status")).contains("Ready yes", "memory", "orders > v2");
        }
    }

    private static JsonObject waitForRows(HeadlessChromium browser) throws Exception {
        Instant deadline = Instant.now().plus(RENDER);
        JsonObject page = new JsonObject();
        while (Instant.now().isBefore(deadline)) {
            String value = browser.evaluate(READ_PAGE);
            page = value == null ? new JsonObject() : new JsonObject(value);
            if (page.getInteger("rows", 0) > 0 && !page.getString("cells", "").isEmpty()
                    && !page.getString("status", "").isEmpty() || page.getString("error") != null) {
                return page;
            }
            Thread.sleep(250);
        }
        return page;
    }
}
