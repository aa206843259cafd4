package io.quarkiverse.dataprotection.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkiverse.dataprotection.internal.xml.KeyElement;
import io.quarkiverse.dataprotection.internal.xml.KeyXml;
import io.quarkiverse.dataprotection.internal.xml.KeyXmlException.Kind;
import io.quarkiverse.dataprotection.spi.KeyDecryptionException;
import io.quarkiverse.dataprotection.xmlencryption.EncryptedXmlDecryptor;

/**
 * The structured fuzz target's oracle is only as good as the recipe's own account of what it built: these seeds
 * check that account (depth, limits, names) against the reader, at and just past each limit.
 */
class KeyXmlRecipeTest {

    private static final CertificateEncryption CERTIFICATE = new CertificateEncryption("recipe-test");

    private static KeyXmlRecipe.Generated seed(String name) throws IOException {
        String path = "KeyXmlStructureFuzzTestInputs/parseAndReadDescriptor_generatedElements_failOnlyAsTheReaderPromises/"
                + name;
        try (InputStream in = KeyXmlRecipeTest.class.getResourceAsStream(path)) {
            return KeyXmlRecipe.generate(new FuzzInput(in.readAllBytes()), CERTIFICATE);
        }
    }

    @Test
    void keyNestedToTheLimit_mustParse_andDoes() throws IOException {
        KeyXmlRecipe.Generated element = seed("key-nested-to-the-limit");

        assertThat(element.mustParse()).isTrue();
        assertThat(element.overLimit()).isFalse();
        assertThat(KeyXml.parse(element.xml())).isInstanceOf(KeyElement.class);
    }

    @Test
    void keyNestedOneOverTheLimit_isOverIt_andFailsWithTheRootsKind() throws IOException {
        KeyXmlRecipe.Generated element = seed("key-nested-one-over-the-limit");

        assertThat(element.overLimit()).isTrue();
        assertThat(element.namesWellFormed()).isTrue();
        assertThatThrownBy(() -> KeyXml.parse(element.xml())).hasFieldOrPropertyWithValue("kind", Kind.INVALID_KEY);
    }

    @Test
    void siblingsAndPadding_areOverTheirLimits() throws IOException {
        assertThat(seed("siblings-over-the-limit").overLimit()).isTrue();
        assertThat(seed("oversized").overLimit()).isTrue();
        assertThat(seed("oversized").xml().length()).isGreaterThan(KeyXml.MAX_CHARS);
        assertThat(seed("element-with-empty-prefix").namesWellFormed()).isFalse();
    }

    @Test
    void encryptedPlaintext_atTheLimitDecrypts_deeperFails() throws IOException {
        KeyXmlRecipe.Generated atLimit = seed("certificate-encrypted-plaintext-at-the-limit");
        KeyXmlRecipe.Generated deeper = seed("certificate-encrypted-plaintext-100-deep");
        List<io.quarkiverse.dataprotection.spi.KeyDecryptor> decryptors = List
                .of(EncryptedXmlDecryptor.of(CERTIFICATE.certificate));

        assertThat(atLimit.plaintextDepth()).isEqualTo(KeyXml.MAX_DEPTH);
        // Decrypted and parsed; the nest's text then spoils the base64, which is the next check.
        assertThatThrownBy(() -> KeyXml.readDescriptor((KeyElement) KeyXml.parse(atLimit.xml()), decryptors))
                .hasFieldOrPropertyWithValue("kind", Kind.INVALID_DESCRIPTOR).hasMessageContaining("not valid base64");
        assertThat(deeper.plaintextDepth()).isEqualTo(101);
        assertThatThrownBy(() -> KeyXml.readDescriptor((KeyElement) KeyXml.parse(deeper.xml()), decryptors))
                .isInstanceOf(KeyDecryptionException.class).hasMessageContaining("nested deeper than 64");
    }
}
