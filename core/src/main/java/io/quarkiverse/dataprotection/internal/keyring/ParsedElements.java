package io.quarkiverse.dataprotection.internal.keyring;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.quarkiverse.dataprotection.internal.xml.KeyElement;
import io.quarkiverse.dataprotection.internal.xml.KeyRingElement;
import io.quarkiverse.dataprotection.internal.xml.KeyXml;
import io.quarkiverse.dataprotection.internal.xml.KeyXmlException;

/**
 * Each distinct element text parsed once: a read of a ring of ten thousand keys that gained one element parses one.
 * The cache holds what a read needs (ids, dates, revocations, the parse error), not the DOM of a key's descriptor: a
 * {@link KeyElement} from here comes from {@link KeyXml#parseHeader}, which builds no DOM, so its descriptor is
 * {@code null}, and decrypting a key parses its text again ({@link DeferredKeySecret}). Entries whose text the store no longer
 * holds are dropped after each read.
 * <p>
 * Thread-safety: safe for concurrent use.
 */
final class ParsedElements {

    /**
     * The outcome of parsing one text: exactly one of the three is set.
     *
     * @param element the key (without its descriptor) or revocation
     * @param error why the element is refused (its kind says whether that fails the read)
     * @param unexpected the type of an unexpected failure of the parser, which fails the read
     */
    record Parsed(KeyRingElement element, KeyXmlException error, String unexpected) {
    }

    private final Map<String, Parsed> cache = new ConcurrentHashMap<>();

    /** The parsed form of {@code xml}, from the cache or parsed now. */
    Parsed parse(String xml) {
        Parsed parsed = cache.get(xml);
        if (parsed == null) {
            parsed = parseNow(xml);
            cache.put(xml, parsed);
        }
        return parsed;
    }

    /** Forgets every text not in {@code present}. */
    void retainOnly(Set<String> present) {
        cache.keySet().retainAll(present);
    }

    int size() {
        return cache.size();
    }

    private static Parsed parseNow(String xml) {
        try {
            return new Parsed(KeyXml.parseHeader(xml), null, null);
        } catch (KeyXmlException e) {
            return new Parsed(null, e, null);
        } catch (Throwable e) {
            Failures.rethrowIfFatal(e);
            return new Parsed(null, null, e.getClass().getSimpleName());
        }
    }
}
