package io.quarkiverse.dataprotection.internal.keyring;

import java.util.List;

import org.jboss.logging.Logger;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import io.quarkiverse.dataprotection.internal.xml.KeyElement;
import io.quarkiverse.dataprotection.internal.xml.KeyXml;
import io.quarkiverse.dataprotection.internal.xml.SecureXml;
import io.quarkiverse.dataprotection.keys.KeyManager;
import io.quarkiverse.dataprotection.spi.KeyDecryptor;
import io.quarkiverse.dataprotection.spi.KeyEncryptor;
import io.quarkiverse.dataprotection.spi.StoredElement;
import io.quarkiverse.dataprotection.spi.XmlRepository;

/** {@link KeyManager#reencryptKeys()}: rewrites stored keys under the current encryptor, new element first. */
final class KeyReencryption {

    private static final Logger LOG = Logger.getLogger(KeyReencryption.class);

    private KeyReencryption() {
    }

    static int reencrypt(XmlRepository store, KeyEncryptor encryptor, List<KeyDecryptor> decryptors) {
        int rewritten = 0;
        int skipped = 0;
        for (StoredElement stored : store.readAll()) {
            KeyElement key = parseKey(stored);
            if (key == null) {
                continue;
            }
            Element encrypted = encryptedPayload(key.descriptor());
            if (encrypted != null && encryptor.isCurrent(encrypted)) {
                continue;
            }
            KeyXml.KeyMaterial material;
            try {
                material = KeyXml.readDescriptor(key, decryptors);
            } catch (RuntimeException e) {
                skipped++;
                LOG.warnf("Key %s cannot be decrypted and is left as it is: %s", key.id(), e.getMessage());
                continue;
            }
            String xml = KeyXml.writeKey(key.id(), key.creationDate(), key.activationDate(), key.expirationDate(),
                    material.algorithms(), material.masterKey(), encryptor);
            // Add, then remove: a crash in between leaves the key twice (both readable), never missing.
            store.add(xml, "key-" + key.id());
            store.remove(List.of(stored));
            rewritten++;
            LOG.debugf("Re-encrypted key %s with %s", key.id(), encryptor.description());
        }
        LOG.infof("Re-encrypted %d key(s) in %s with %s; %d could not be decrypted and were left as they are",
                rewritten, store.description(), encryptor.description(), skipped);
        return rewritten;
    }

    private static KeyElement parseKey(StoredElement stored) {
        try {
            return KeyXml.parse(stored.xml()) instanceof KeyElement key ? key : null;
        } catch (RuntimeException unreadable) {
            return null; // never rewrite what cannot be read
        }
    }

    /** The element inside {@code <encryptedSecret>}, or null when the master key is not encrypted. */
    private static Element encryptedPayload(Element descriptor) {
        var found = descriptor.getElementsByTagNameNS(SecureXml.DP_NAMESPACE, "encryptedSecret");
        if (found.getLength() == 0) {
            return null;
        }
        for (Node child = found.item(0).getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element element) {
                return element;
            }
        }
        return null;
    }
}
