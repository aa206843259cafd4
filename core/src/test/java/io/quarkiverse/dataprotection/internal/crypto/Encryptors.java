package io.quarkiverse.dataprotection.internal.crypto;

import java.util.ArrayList;
import java.util.List;

import io.quarkiverse.dataprotection.keys.AlgorithmConfiguration;
import io.quarkiverse.dataprotection.keys.EncryptionAlgorithm;
import io.quarkiverse.dataprotection.keys.ValidationAlgorithm;
import io.quarkiverse.dataprotection.spi.AuthenticatedEncryptor;
import io.quarkiverse.dataprotection.spi.RandomSource;

/** Test helper: every algorithm pair (6 CBC + 3 GCM). */
final class Encryptors {

    private Encryptors() {
    }

    static List<AlgorithmConfiguration> allPairs() {
        List<AlgorithmConfiguration> pairs = new ArrayList<>();
        for (EncryptionAlgorithm encryption : EncryptionAlgorithm.values()) {
            if (encryption.isGcm()) {
                pairs.add(AlgorithmConfiguration.gcm(encryption));
            } else {
                for (ValidationAlgorithm validation : ValidationAlgorithm.values()) {
                    pairs.add(new AlgorithmConfiguration(encryption, validation));
                }
            }
        }
        return pairs;
    }

    static AuthenticatedEncryptor create(AlgorithmConfiguration algorithms) {
        return AuthenticatedEncryptors.create(algorithms, Secret.random(64, RandomSource.secure()),
                RandomSource.secure());
    }
}
