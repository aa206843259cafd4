package io.quarkiverse.dataprotection.runtime.startup;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

import io.quarkiverse.dataprotection.runtime.DataProtectionBuildInfo;
import io.quarkiverse.dataprotection.runtime.DataProtectionConfig;
import io.quarkiverse.dataprotection.runtime.HttpServerStarted;
import io.quarkiverse.dataprotection.spi.XmlRepository;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;

/**
 * Warns at start about settings that would silently not do what the user expects: a build-time property given another
 * value at run time, and (in production mode) a file key store inside a container on no mounted volume. In dev and
 * test mode, says once where the keys went when the build chose the directory. Only logs; never fails the start.
 * <p>
 * The container check reads {@code /proc/self/mountinfo} and resolves the directory (3-6 ms on the start-up thread,
 * benchmarks/README.md): with an HTTP server it runs once the server listens, off the start-up thread, as the key
 * ring's first read does. Thread-safe.
 */
@Singleton
public class StartupChecks {

    private static final Logger LOG = Logger.getLogger(StartupChecks.class);
    /** Dev mode starts the application again on every change; the directory is worth one line per JVM. */
    private static final AtomicBoolean DEV_DIRECTORY_LOGGED = new AtomicBoolean();

    void onStart(@Observes StartupEvent event, BuildTimeValues built, DataProtectionBuildInfo buildInfo,
            DataProtectionConfig config, Instance<XmlRepository> applicationRepository,
            Instance<HttpServerStarted> httpServerStarted) {
        BuildTimeMismatch.warnings(built.properties(),
                property -> ConfigProvider.getConfig().getOptionalValue(property, String.class))
                .forEach(LOG::warn);
        if (!"file".equals(buildInfo.keyStore()) || !applicationRepository.isUnsatisfied()) {
            return;
        }
        String directory = config.file().directory();
        if (directory.isBlank()) {
            return; // the store refuses it with the fix; nothing to add
        }
        if (built.devKeyDirectory().filter(directory::equals).isPresent()) {
            // A dev or test ring under the build output is meant to be thrown away: no container warning for it.
            if (DEV_DIRECTORY_LOGGED.compareAndSet(false, true)) {
                LOG.infof("Data protection keys of dev and test mode are kept in %s, under the build output (not in "
                        + "the home directory); set quarkus.data-protection.file.directory to keep them elsewhere",
                        directory);
            }
            return;
        }
        if (LaunchMode.current() != LaunchMode.NORMAL) {
            return; // dev and test rings are disposable: losing them with the container is no surprise
        }
        if (httpServerStarted.isResolvable()) {
            httpServerStarted.get().signal().thenRun(() -> warnIfEphemeral(directory));
        } else {
            warnIfEphemeral(directory);
        }
    }

    private static void warnIfEphemeral(String directory) {
        try {
            ContainerEnvironment.system().keyDirectoryWarning(Path.of(directory)).ifPresent(LOG::warn);
        } catch (InvalidPathException e) {
            // the store refuses the value with the fix; nothing to add
        } catch (RuntimeException e) {
            // only a warning: a check that cannot run must not fail anything (after the start, nothing would report it)
            LOG.debugf(e, "Could not tell whether %s is on a volume mounted into a container", directory);
        }
    }
}
