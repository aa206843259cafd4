package io.quarkiverse.dataprotection.internal.xml;

/** One parsed element of the key ring's XML: a key or a revocation. */
public sealed interface KeyRingElement permits KeyElement, RevocationElement {
}
