package io.quarkiverse.dataprotection.internal.xml;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Malformed elements fail with a {@link KeyXmlException} of the kind a key ring read needs, that says what is wrong
 * and never quotes the XML. Every
 * input carries the marker {@code SECRET} (or an unencrypted master key) where its faulty text is.
 */
class KeyXmlMalformedTest {

    private static final String MASTER_KEY = "k88VrwGLINfVAqzlAp7U4EAjdlmUG17c756McQGdjkPjQdQ7N6XvV2Y6bUs53BFtVw1dOz0oxiT4jyxfV7lJZw==";
    private static final String TYPE = "Microsoft.AspNetCore.DataProtection.AuthenticatedEncryption.ConfigurationModel.AuthenticatedEncryptorDescriptorDeserializer, Microsoft.AspNetCore.DataProtection, Version=8.0.0.0, Culture=neutral, PublicKeyToken=adb9793829ddae60";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            notXml                | SECRET k88VrwGLINfVAqzlAp7U4EAjdlmUG17c< not xml                  | not well-formed | MALFORMED
            truncated             | <key id="80732141-ec8f-4b80-af9c-c4d2d1ff8901" version="1"><value>SECRET | not well-formed | MALFORMED
            empty                 | ``                                                               | empty | MALFORMED
            externalEntityAttack  | <?xml version="1.0"?><!DOCTYPE key [<!ENTITY x SYSTEM "file:///etc/passwd">]><key>&x;SECRET</key> | DTD | MALFORMED
            externalDtd           | <!DOCTYPE key SYSTEM "file:///etc/passwd"><key>SECRET</key>       | DTD | MALFORMED
            entityExpansion       | <!DOCTYPE r [<!ENTITY a "SECRETSECRET"><!ENTITY b "&a;&a;&a;&a;">]><r>&b;</r> | DTD | MALFORMED
            wrongRoot             | <keys><value>SECRET</value></keys>                                | Unknown key ring element <keys> | UNKNOWN_ELEMENT
            namespacedRoot        | <key xmlns="urn:SECRET" />                                        | namespace | UNKNOWN_ELEMENT
            badGuid               | <key id="SECRET-not-a-guid" version="1" />                        | malformed id | INVALID_KEY
            missingId             | <key version="1"><creationDate>SECRET</creationDate></key>        | missing or malformed id | INVALID_KEY
            unknownVersion        | <key id="80732141-ec8f-4b80-af9c-c4d2d1ff8901" version="2"><x>SECRET</x></key> | unsupported version | INVALID_KEY
            missingCreationDate   | <key id="80732141-ec8f-4b80-af9c-c4d2d1ff8901" version="1"><activationDate>2015-03-19T23:32:02Z</activationDate><expirationDate>2015-06-17T23:32:02Z</expirationDate><x>SECRET</x></key> | no <creationDate> | INVALID_KEY
            badDate               | <key id="80732141-ec8f-4b80-af9c-c4d2d1ff8901" version="1"><creationDate>SECRET</creationDate></key> | <creationDate> is not an ISO-8601 | INVALID_KEY
            dateWithoutOffset     | <key id="80732141-ec8f-4b80-af9c-c4d2d1ff8901" version="1"><creationDate>2015-03-19T23:32:02</creationDate><x>SECRET</x></key> | <creationDate> is not an ISO-8601 | INVALID_KEY
            missingDescriptor     | <key id="80732141-ec8f-4b80-af9c-c4d2d1ff8901" version="1"><creationDate>2015-03-19T23:32:02Z</creationDate><activationDate>2015-03-19T23:32:02Z</activationDate><expirationDate>2015-06-17T23:32:02Z</expirationDate><x>SECRET</x></key> | no <descriptor> | INVALID_KEY
            revocationWithoutKey  | <revocation version="1"><revocationDate>2015-03-20T22:45:45Z</revocationDate><reason>SECRET</reason></revocation> | no <key | INVALID_REVOCATION
            revocationBadKeyId    | <revocation version="1"><revocationDate>2015-03-20T22:45:45Z</revocationDate><key id="SECRET" /></revocation> | malformed key id | INVALID_REVOCATION
            massRevocationNoDate  | <revocation version="1"><key id="*" /><reason>SECRET</reason></revocation> | no <revocationDate> | INVALID_REVOCATION
            """)
    void parse_malformed_failsWithoutQuotingTheXml(String scenario, String xml, String expectedMessage,
            KeyXmlException.Kind kind) {
        assertThatThrownBy(() -> KeyXml.parse(xml))
                .isInstanceOf(KeyXmlException.class)
                .hasFieldOrPropertyWithValue("kind", kind)
                .hasMessageContaining(expectedMessage)
                .hasMessageNotContaining("SECRET")
                .hasMessageNotContaining("k88Vrw")
                .hasMessageNotContaining("passwd");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            unknownEncryption   | <encryption algorithm="SECRET_256" /><validation algorithm="HMACSHA256" />{MK}      | unknown <encryption> algorithm
            unknownValidation   | <encryption algorithm="AES_256_CBC" /><validation algorithm="SECRET" />{MK}         | unknown <validation> algorithm
            cbcWithoutValidation | <encryption algorithm="AES_256_CBC" />{MK}                                         | no <validation
            missingEncryption   | <validation algorithm="HMACSHA256" />{MK}                                           | no <encryption
            badBase64           | <encryption algorithm="AES_256_CBC" /><validation algorithm="HMACSHA256" /><masterKey><value>SECRET@@k88VrwGLINfVAqzlAp7U4EAjdlmUG17c==</value></masterKey> | not valid base64
            emptyMasterKey      | <encryption algorithm="AES_256_CBC" /><validation algorithm="HMACSHA256" /><masterKey><value /></masterKey> | empty
            noMasterKey         | <encryption algorithm="AES_256_CBC" /><validation algorithm="HMACSHA256" /><x>SECRET</x> | exactly one <masterKey>, found 0
            twoMasterKeys       | <encryption algorithm="AES_256_CBC" /><validation algorithm="HMACSHA256" />{MK}{MK} | exactly one <masterKey>, found 2
            """)
    void readDescriptor_malformed_failsWithoutQuotingTheXml(String scenario, String descriptor, String expectedMessage) {
        String mk = "<masterKey><value>" + MASTER_KEY + "</value></masterKey>";
        KeyElement key = (KeyElement) KeyXml.parse(keyWith(TYPE, descriptor.replace("{MK}", mk)));

        assertThatThrownBy(() -> KeyXml.readDescriptor(key, List.of()))
                .isInstanceOf(KeyXmlException.class)
                .hasFieldOrPropertyWithValue("kind", KeyXmlException.Kind.INVALID_DESCRIPTOR)
                .hasMessageContaining("Key 80732141-ec8f-4b80-af9c-c4d2d1ff8901")
                .hasMessageContaining(expectedMessage)
                .hasMessageNotContaining("SECRET")
                .hasMessageNotContaining("k88Vrw");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            cngCbcDeserializer | Microsoft.AspNetCore.DataProtection.AuthenticatedEncryption.ConfigurationModel.CngCbcAuthenticatedEncryptorDescriptorDeserializer, Microsoft.AspNetCore.DataProtection, Version=8.0.0.0
            otherNamespace     | Contoso.AuthenticatedEncryptorDescriptorDeserializer, Contoso
            """)
    void readDescriptor_unsupportedDeserializer_namesTheType(String scenario, String type) {
        KeyElement key = (KeyElement) KeyXml.parse(keyWith(type,
                "<encryption algorithm=\"AES_256_CBC\" /><validation algorithm=\"HMACSHA256\" /><masterKey><value>"
                        + MASTER_KEY + "</value></masterKey>"));

        assertThatThrownBy(() -> KeyXml.readDescriptor(key, List.of()))
                .isInstanceOf(KeyXmlException.class)
                .hasFieldOrPropertyWithValue("kind", KeyXmlException.Kind.INVALID_DESCRIPTOR)
                .hasMessageContaining(type.substring(0, type.indexOf(',')) + ";")
                .hasMessageNotContaining("Version=")
                .hasMessageNotContaining("k88Vrw");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            noInnerDescriptor   | <descriptor deserializerType="T" />
            twoInnerDescriptors | <descriptor deserializerType="T"><descriptor /><descriptor /></descriptor>
            noDeserializerType  | <descriptor><descriptor /></descriptor>
            """)
    void parse_malformedOuterDescriptor_fails(String scenario, String outer) {
        String xml = "<key id=\"80732141-ec8f-4b80-af9c-c4d2d1ff8901\" version=\"1\">"
                + "<creationDate>2015-03-19T23:32:02Z</creationDate><activationDate>2015-03-19T23:32:02Z</activationDate>"
                + "<expirationDate>2015-06-17T23:32:02Z</expirationDate>" + outer + "</key>";

        assertThatThrownBy(() -> KeyXml.parse(xml)).isInstanceOf(KeyXmlException.class)
                .hasFieldOrPropertyWithValue("kind", KeyXmlException.Kind.INVALID_KEY)
                .hasMessageContaining("Key 80732141-ec8f-4b80-af9c-c4d2d1ff8901")
                .hasMessageContaining("descriptor");
    }

    private static String keyWith(String deserializerType, String innerDescriptorContent) {
        return "<key id=\"80732141-ec8f-4b80-af9c-c4d2d1ff8901\" version=\"1\">"
                + "<creationDate>2015-03-19T23:32:02.3949887Z</creationDate>"
                + "<activationDate>2015-03-19T23:32:02.3839429Z</activationDate>"
                + "<expirationDate>2015-06-17T23:32:02.3839429Z</expirationDate>"
                + "<descriptor deserializerType=\"" + deserializerType + "\"><descriptor>" + innerDescriptorContent
                + "</descriptor></descriptor></key>";
    }
}
