package io.quarkiverse.dataprotection.azure.keyvault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import io.quarkiverse.dataprotection.spi.KeyDecryptionException;
import io.quarkiverse.dataprotection.spi.RandomSource;

/**
 * The key-wrap format without Key Vault: upstream's known answer ({@code AzureKeyVaultXmlEncryptorTests} of
 * Azure.Extensions.AspNetCore.DataProtection.Keys: random bytes {@code 00 01 … 0F} for content key and IV, a "wrap"
 * that reverses the bytes, kid {@code KeyId}, element {@code <Element />}), the plaintext layout, and what the reader
 * refuses.
 */
class KeyWrapFormatTest {

    static final String UPSTREAM_IV = "AAECAwQFBgcICQoLDA0ODw==";
    static final String UPSTREAM_KEY = "Dw4NDAsKCQgHBgUEAwIBAA==";
    static final String UPSTREAM_VALUE = "VfLYL2prdymawfucH3Goso0zkPbQ4/GKqUsj2TRtLzsBPz7p7cL1SQaY6I29xSlsPQf6IjxHSz4sDJ427GvlLQ==";

    /** As upstream's MockNumberGenerator: every call fills 00, 01, 02, … */
    static final RandomSource COUNTING = bytes -> {
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) i;
        }
    };

    static byte[] reversed(byte[] bytes) {
        byte[] out = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            out[i] = bytes[bytes.length - 1 - i];
        }
        return out;
    }

    static Element element(String localName) {
        Document doc = KeyWrapXml.newDocument();
        Element element = doc.createElementNS(null, localName);
        doc.appendChild(element);
        return element;
    }

    static Element upstreamEncryptedKey() throws Exception {
        return KeyWrapXml.parse(("<encryptedKey>\n  <kid>KeyId</kid>\n  <key>" + UPSTREAM_KEY + "</key>\n  <iv>"
                + UPSTREAM_IV + "</iv>\n  <value>" + UPSTREAM_VALUE + "</value>\n</encryptedKey>")
                .getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void upstreamKnownAnswer_isReproducedByteForByte() {
        Element encrypted = KeyWrapFormat.encrypt(element("Element"), COUNTING,
                contentKey -> new KeyWrapFormat.Wrapped("KeyId", reversed(contentKey)));

        assertThat(encrypted.getLocalName()).isEqualTo("encryptedKey");
        assertThat(encrypted.getNamespaceURI()).isNull();
        assertThat(text(encrypted, "kid")).isEqualTo("KeyId");
        assertThat(text(encrypted, "key")).isEqualTo(UPSTREAM_KEY);
        assertThat(text(encrypted, "iv")).isEqualTo(UPSTREAM_IV);
        assertThat(text(encrypted, "value")).isEqualTo(UPSTREAM_VALUE);
        assertThat(encrypted.getFirstChild().getNodeValue()).isEqualTo(" This key is encrypted with Azure Key Vault. ");
        assertThat(KeyWrapXml.serialize(encrypted)).isEqualTo("<encryptedKey><!-- This key is encrypted with Azure Key "
                + "Vault. --><kid>KeyId</kid><key>" + UPSTREAM_KEY + "</key><iv>" + UPSTREAM_IV + "</iv><value>"
                + UPSTREAM_VALUE + "</value></encryptedKey>");
    }

    @Test
    void upstreamValue_isBomDeclarationElementAndPkcs7Padding() throws Exception {
        byte[] key = HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f");
        Cipher aes = Cipher.getInstance("AES/CBC/NoPadding");
        aes.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(key));

        byte[] plaintext = aes.doFinal(Base64.getDecoder().decode(UPSTREAM_VALUE));

        byte[] expected = ("\uFEFF<?xml version=\"1.0\" encoding=\"utf-8\"?><Element />").getBytes(StandardCharsets.UTF_8);
        assertThat(Arrays.copyOf(plaintext, expected.length)).isEqualTo(expected);
        assertThat(Arrays.copyOfRange(plaintext, 0, 3)).isEqualTo(new byte[] { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF });
        byte[] padding = new byte[12];
        Arrays.fill(padding, (byte) 0x0C);
        assertThat(Arrays.copyOfRange(plaintext, expected.length, plaintext.length)).isEqualTo(padding);
    }

    @Test
    void upstreamElement_decryptsWithAReversingUnwrap() throws Exception {
        KeyWrapFormat.Parts parts = KeyWrapFormat.parse(upstreamEncryptedKey());

        Element decrypted = KeyWrapFormat.decrypt(parts, reversed(parts.wrappedKey()), parts.kid());

        assertThat(parts.kid()).isEqualTo("KeyId");
        assertThat(KeyWrapXml.serialize(decrypted)).isEqualTo("<Element />");
    }

    @Test
    void masterKeyElement_isSavedAsXLinqSavesIt() {
        Element masterKey = element("masterKey");
        masterKey.setAttributeNS("http://schemas.asp.net/2015/03/dataProtection", "p1:requiresEncryption", "true");
        masterKey
                .appendChild(masterKey.getOwnerDocument().createComment(" Warning: the key below is in an unencrypted form. "));
        Element value = masterKey.getOwnerDocument().createElementNS(null, "value");
        value.setTextContent("k88VrwGLINfVAqzlAp7U4EAjdlmUG17c756McQGdjkPjQdQ7N6XvV2Y6bUs53BFtVw1dOz0oxiT4jyxfV7lJZw==");
        masterKey.appendChild(value);

        assertThat(KeyWrapXml.serialize(masterKey)).isEqualTo("<masterKey p1:requiresEncryption=\"true\" "
                + "xmlns:p1=\"http://schemas.asp.net/2015/03/dataProtection\"><!-- Warning: the key below is in an "
                + "unencrypted form. --><value>k88VrwGLINfVAqzlAp7U4EAjdlmUG17c756McQGdjkPjQdQ7N6XvV2Y6bUs53BFtVw1dOz0o"
                + "xiT4jyxfV7lJZw==</value></masterKey>");
    }

    @Test
    void roundTrip_withRandomKeys_givesTheElementBack() {
        Element original = element("masterKey");
        original.setAttributeNS(null, "note", "a \"quoted\" <value> & more");
        original.setTextContent("text with < and &");
        Element encrypted = KeyWrapFormat.encrypt(original, RandomSource.secure(),
                contentKey -> new KeyWrapFormat.Wrapped("kid", reversed(contentKey)));
        KeyWrapFormat.Parts parts = KeyWrapFormat.parse(encrypted);

        Element decrypted = KeyWrapFormat.decrypt(parts, reversed(parts.wrappedKey()), "kid");

        assertThat(decrypted.getAttribute("note")).isEqualTo("a \"quoted\" <value> & more");
        assertThat(decrypted.getTextContent()).isEqualTo("text with < and &");
        assertThat(parts.iv()).hasSize(16);
        assertThat(parts.wrappedKey()).hasSize(16);
    }

    @ParameterizedTest
    @ValueSource(strings = { "kid", "key", "iv", "value" })
    void missingPart_isRefusedNamingIt(String part) throws Exception {
        Element encrypted = upstreamEncryptedKey();
        encrypted.removeChild(encrypted.getElementsByTagName(part).item(0));

        assertThatThrownBy(() -> KeyWrapFormat.parse(encrypted)).isInstanceOf(KeyDecryptionException.class)
                .hasMessage("Unsupported Azure Key Vault <encryptedKey>: <" + part + "> is missing");
    }

    @Test
    void duplicatePart_isRefused() throws Exception {
        Element encrypted = upstreamEncryptedKey();
        encrypted.appendChild(encrypted.getElementsByTagName("kid").item(0).cloneNode(true));

        assertThatThrownBy(() -> KeyWrapFormat.parse(encrypted)).isInstanceOf(KeyDecryptionException.class)
                .hasMessageContaining("<kid> appears more than once");
    }

    @Test
    void otherRootElement_orNamespacedRoot_isRefused() throws Exception {
        assertThatThrownBy(() -> KeyWrapFormat.parse(element("EncryptedData"))).isInstanceOf(KeyDecryptionException.class)
                .hasMessageContaining("must be <encryptedKey> without namespace");
        Element namespaced = KeyWrapXml.parse("<encryptedKey xmlns=\"urn:x\"/>".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> KeyWrapFormat.parse(namespaced)).isInstanceOf(KeyDecryptionException.class)
                .hasMessageContaining("without namespace");
    }

    @Test
    void badSizesAndEncodings_areRefusedBeforeAnyDecryption() throws Exception {
        assertRefused("iv", "AAECAwQFBgcICQoLDA0O", "<iv> must hold 16 bytes, held 15");
        assertRefused("iv", "not base64!", "<iv> is not base64");
        assertRefused("value", "AAECAwQFBgcICQoLDA0ODw8=", "<value> must hold a whole number of 16-byte blocks");
        assertRefused("value", "", "<value> must hold a whole number");
        assertRefused("key", "", "<key> must hold 1 to 1024 bytes, held 0");
    }

    @Test
    void tamperedValue_failsWithOneGenericMessage() throws Exception {
        KeyWrapFormat.Parts parts = KeyWrapFormat.parse(upstreamEncryptedKey());
        for (int i = 0; i < parts.value().length; i++) {
            byte[] value = parts.value().clone();
            value[i] ^= 0x01;
            KeyWrapFormat.Parts tampered = new KeyWrapFormat.Parts(parts.kid(), parts.wrappedKey(), parts.iv(), value);
            try {
                Element result = KeyWrapFormat.decrypt(tampered, reversed(parts.wrappedKey()), "KeyId");
                // CBC without authentication: a flip may still decrypt; then it is never the original element
                assertThat(KeyWrapXml.serialize(result)).isNotEqualTo("<Element />");
            } catch (KeyDecryptionException e) {
                assertThat(e.getMessage()).isIn(
                        "Cannot decrypt a key wrapped with Key Vault key KeyId: the wrapped key does not match the value "
                                + "or the data is corrupt",
                        "A key unwrapped with Key Vault key KeyId is not well-formed XML, or has elements nested deeper "
                                + "than 64 levels");
            }
        }
    }

    @Test
    void unwrappedKeyOfAnInvalidSize_isRefused() throws Exception {
        KeyWrapFormat.Parts parts = KeyWrapFormat.parse(upstreamEncryptedKey());

        assertThatThrownBy(() -> KeyWrapFormat.decrypt(parts, new byte[15], "KeyId"))
                .isInstanceOf(KeyDecryptionException.class).hasMessageContaining("content key of 15 bytes");
    }

    @Test
    void decryptorTypes_areTheCurrentAndTheOlderPackagesTypes() {
        assertThat(AzureKeyVaultXmlEncryptor.decryptorType()).startsWith(
                "Azure.Extensions.AspNetCore.DataProtection.Keys.AzureKeyVaultXmlDecryptor, "
                        + "Azure.Extensions.AspNetCore.DataProtection.Keys, ");
        assertThat(KeyWrapFormat.DECRYPTOR_TYPE_NAMES).containsExactlyInAnyOrder(
                "Azure.Extensions.AspNetCore.DataProtection.Keys.AzureKeyVaultXmlDecryptor",
                "Microsoft.AspNetCore.DataProtection.AzureKeyVault.AzureKeyVaultXmlDecryptor");
    }

    private static void assertRefused(String part, String text, String message) throws Exception {
        Element encrypted = upstreamEncryptedKey();
        encrypted.getElementsByTagName(part).item(0).setTextContent(text);
        assertThatThrownBy(() -> KeyWrapFormat.parse(encrypted)).isInstanceOf(KeyDecryptionException.class)
                .hasMessageContaining(message);
    }

    private static String text(Element parent, String name) {
        return parent.getElementsByTagName(name).item(0).getTextContent();
    }
}
