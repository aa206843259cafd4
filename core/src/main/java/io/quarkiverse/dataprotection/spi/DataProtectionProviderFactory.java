package io.quarkiverse.dataprotection.spi;

import io.quarkiverse.dataprotection.DataProtectionProvider;
import io.quarkiverse.dataprotection.DataProtectionSettings;

/**
 * The implementation behind {@link DataProtectionProvider#builder()}, found with {@link java.util.ServiceLoader}:
 * core registers its own in {@code META-INF/services}. It keeps the API free of the implementation's types; an
 * application has no reason to implement it.
 * <p>
 * Implementations must be safe for concurrent use.
 */
public interface DataProtectionProviderFactory {

    /** A provider for {@code settings}; it reads the key ring at once. */
    DataProtectionProvider create(DataProtectionSettings settings);
}
