package io.quarkiverse.dataprotection.runtime.startup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The container check reads injected marker files, environment and mountinfo; nothing of the real machine. */
class ContainerEnvironmentTest {

    /** A Docker container's root and the bind mounts Docker always adds (files, /proc, /dev). */
    static final String CONTAINER_ROOT = """
            1046 860 0:79 / / rw,relatime master:290 - overlay overlay rw,lowerdir=/var/lib/docker/l1,upperdir=/u,workdir=/w
            1047 1046 0:83 / /proc rw,nosuid,nodev,noexec,relatime - proc proc rw
            1048 1046 0:84 / /dev rw,nosuid - tmpfs tmpfs rw,size=65536k,mode=755
            1055 1046 254:1 /docker/containers/abc/hosts /etc/hosts rw,relatime - ext4 /dev/vda1 rw
            1056 1046 0:85 / /tmp rw,nosuid,nodev - tmpfs tmpfs rw
            """;
    static final String VOLUME = "1060 1046 254:1 /var/lib/docker/volumes/keys/_data /var/keys rw,relatime - ext4 /dev/vda1 rw\n";
    static final String VOLUME_WITH_SPACE = "1061 1046 254:1 /data /srv/my\\040keys rw,relatime - ext4 /dev/vda1 rw\n";

    @TempDir
    Path dir;

    ContainerEnvironment environment(boolean dockerEnv, String cgroup, String mountInfo, Map<String, String> env)
            throws IOException {
        Path marker = dir.resolve(".dockerenv");
        if (dockerEnv) {
            Files.createFile(marker);
        }
        Path cgroupFile = Files.writeString(dir.resolve("cgroup"), cgroup);
        Path mounts = Files.writeString(dir.resolve("mountinfo"), mountInfo);
        return new ContainerEnvironment(new ContainerEnvironment.Markers(marker, dir.resolve("absent-containerenv"),
                cgroupFile, mounts), env::get);
    }

    @Test
    void dockerContainer_keyDirectoryOnItsOwnFileSystem_warnsNamingMountAndStores() throws IOException {
        var check = environment(true, "0::/\n", CONTAINER_ROOT, Map.of());

        assertThat(check.keyDirectoryWarning(Path.of("/home/app/.local/share/keys"))).hasValueSatisfying(
                warning -> assertThat(warning).contains("/home/app/.local/share/keys", ".dockerenv",
                        "not on a mounted volume", "container's own file system", "Mount a persistent volume",
                        "key-store=redis or jdbc"));
    }

    @Test
    void dockerContainer_keyDirectoryOnMountedVolume_warnsNothing() throws IOException {
        var check = environment(true, "0::/\n", CONTAINER_ROOT + VOLUME, Map.of());

        assertThat(check.keyDirectoryWarning(Path.of("/var/keys"))).isEmpty();
        assertThat(check.keyDirectoryWarning(Path.of("/var/keys/app1"))).isEmpty();
    }

    @Test
    void siblingOfMountPoint_isNotOnTheVolume() throws IOException {
        var check = environment(true, "0::/\n", CONTAINER_ROOT + VOLUME, Map.of());

        assertThat(check.keyDirectoryWarning(Path.of("/var/keys-old"))).isPresent();
    }

    @Test
    void keyDirectoryOnTmpfs_warnsNamingTheTmpfsMount() throws IOException {
        var check = environment(true, "0::/\n", CONTAINER_ROOT, Map.of());

        assertThat(check.keyDirectoryWarning(Path.of("/tmp/keys")))
                .hasValueSatisfying(warning -> assertThat(warning).contains("tmpfs file system mounted at /tmp"));
    }

    @Test
    void mountPointWithEscapedSpace_isUnescaped() throws IOException {
        var check = environment(true, "0::/\n", CONTAINER_ROOT + VOLUME_WITH_SPACE, Map.of());

        assertThat(check.keyDirectoryWarning(Path.of("/srv/my keys"))).isEmpty();
        assertThat(ContainerEnvironment.unescape("a\\040b\\134c\\04")).isEqualTo("a b\\c\\04");
    }

    @Test
    void kubernetesEnvironment_orContainerCgroup_isDetectedWithoutMarkerFile() throws IOException {
        var kubernetes = environment(false, "0::/\n", CONTAINER_ROOT, Map.of("KUBERNETES_SERVICE_HOST", "10.0.0.1"));
        assertThat(kubernetes.containerMarker()).contains("KUBERNETES_SERVICE_HOST");
        assertThat(kubernetes.keyDirectoryWarning(Path.of("/keys"))).isPresent();

        var cgroupV1 = environment(false, "12:memory:/kubepods/burstable/pod1/abc\n", CONTAINER_ROOT, Map.of());
        assertThat(cgroupV1.containerMarker()).hasValueSatisfying(marker -> assertThat(marker).contains("kubepods"));
    }

    @Test
    void notInContainer_warnsNothingEvenOnRootFileSystem() throws IOException {
        var host = environment(false, "0::/user.slice/user-1000.slice/session-2.scope\n", CONTAINER_ROOT, Map.of());

        assertThat(host.containerMarker()).isEmpty();
        assertThat(host.keyDirectoryWarning(Path.of("/home/app/keys"))).isEmpty();
    }

    @Test
    void unreadableMountInfo_warnsNothing() throws IOException {
        var check = new ContainerEnvironment(new ContainerEnvironment.Markers(Files.createFile(dir.resolve("marker")),
                dir.resolve("none"), dir.resolve("none"), dir.resolve("no-mountinfo")), name -> null);

        assertThat(check.keyDirectoryWarning(Path.of("/keys"))).isEmpty();
    }
}
