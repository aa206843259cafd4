package io.quarkiverse.dataprotection;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import io.quarkiverse.dataprotection.spi.StoredElement;
import io.quarkiverse.dataprotection.spi.VersionedXmlRepository;
import io.quarkiverse.dataprotection.store.FileSystemXmlRepository;
import io.quarkiverse.dataprotection.store.InMemoryXmlRepository;

/**
 * A store under test together with raw access to what it keeps, as another writer (an ASP.NET Core application, an
 * operator) has: the file store's directory, the Redis list, or the in-memory store itself.
 */
public abstract class RawStore implements AutoCloseable {

    private final String kind;

    protected RawStore(String kind) {
        this.kind = kind;
    }

    /** A new provider-facing store over the same data (each "instance" gets its own). */
    public abstract VersionedXmlRepository newStore();

    /** Appends {@code xml} as another writer would, under {@code name} where the store has names. */
    public abstract void append(String name, String xml);

    /** Removes the raw entry appended under {@code name} with content {@code xml}. */
    public abstract void remove(String name, String xml);

    /** Every raw entry's text. */
    public abstract List<String> entries();

    /** Removes every entry (a Redis FLUSHALL, a wiped directory). */
    public abstract void wipe();

    @Override
    public void close() {
    }

    @Override
    public String toString() {
        return kind;
    }

    public static RawStore memory() {
        InMemoryXmlRepository store = new InMemoryXmlRepository();
        return new RawStore("memory") {
            @Override
            public VersionedXmlRepository newStore() {
                return store;
            }

            @Override
            public void append(String name, String xml) {
                store.add(xml, name);
            }

            @Override
            public void remove(String name, String xml) {
                store.remove(store.readAll().stream().filter(e -> xml.equals(e.xml())).toList());
            }

            @Override
            public List<String> entries() {
                return store.readAll().stream().map(StoredElement::xml).toList();
            }

            @Override
            public void wipe() {
                store.remove(store.readAll());
            }
        };
    }

    public static RawStore directory(Path directory) {
        return new RawStore("file") {
            @Override
            public VersionedXmlRepository newStore() {
                return new FileSystemXmlRepository(directory);
            }

            @Override
            public void append(String name, String xml) {
                try {
                    Files.createDirectories(directory);
                    Files.writeString(directory.resolve(name + ".xml"), xml, StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public void remove(String name, String xml) {
                try {
                    Files.deleteIfExists(directory.resolve(name + ".xml"));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public List<String> entries() {
                try (Stream<Path> files = Files.list(directory)) {
                    return files.filter(f -> f.getFileName().toString().endsWith(".xml")).sorted().map(f -> {
                        try {
                            return Files.readString(f, StandardCharsets.UTF_8);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }).toList();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public void wipe() {
                try (Stream<Path> files = Files.list(directory)) {
                    for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".xml")).toList()) {
                        Files.delete(file);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
    }
}
