package io.quarkiverse.dataprotection.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import io.quarkiverse.dataprotection.DataProtectionProvider;
import io.quarkiverse.dataprotection.DataProtector;
import io.quarkiverse.dataprotection.Protector;
import io.quarkiverse.dataprotection.spi.EncryptedXmlInfo;
import io.quarkiverse.dataprotection.spi.KeyDecryptor;
import io.quarkiverse.dataprotection.spi.KeyEncryptor;
import io.quarkiverse.dataprotection.spi.XmlRepository;
import io.quarkiverse.dataprotection.store.InMemoryXmlRepository;
import io.quarkus.test.QuarkusUnitTest;

/**
 * Open backends: the application's own XmlRepository bean replaces the configured store, its KeyEncryptor replaces
 * the configured key encryption, and its KeyDecryptor reads what that encryptor wrote.
 */
class ApplicationBackendBeansTest {

    static final String DECRYPTOR = "Example.Base64XmlDecryptor, Example";

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(
                    jar -> jar.addClasses(UnversionedStore.class, Backends.class, Base64Encryptor.class, Base64Decryptor.class))
            .overrideConfigKey("quarkus.data-protection.key-store", "file")
            .overrideConfigKey("quarkus.data-protection.file.directory", "target/should-not-be-used");

    @Singleton
    static class Backends {

        static final InMemoryXmlRepository REPOSITORY = new InMemoryXmlRepository();

        @Produces
        @ApplicationScoped
        XmlRepository repository() {
            return new UnversionedStore(REPOSITORY, "application-repository", () -> {
            });
        }
    }

    @Singleton
    static class Base64Encryptor implements KeyEncryptor {
        @Override
        public EncryptedXmlInfo encrypt(Element plaintextElement) {
            try {
                Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().newDocument();
                Element wrapped = doc.createElementNS(null, "base64");
                wrapped.setTextContent(Base64.getEncoder().encodeToString(serialize(plaintextElement)));
                return new EncryptedXmlInfo(wrapped, DECRYPTOR);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public String description() {
            return "application base64 encryptor";
        }
    }

    @Singleton
    static class Base64Decryptor implements KeyDecryptor {
        @Override
        public boolean supports(String decryptorTypeName) {
            return "Example.Base64XmlDecryptor".equals(decryptorTypeName);
        }

        @Override
        public Element decrypt(Element encryptedElement) {
            try {
                byte[] xml = Base64.getDecoder().decode(encryptedElement.getTextContent());
                return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                        .parse(new java.io.ByteArrayInputStream(xml)).getDocumentElement();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    static byte[] serialize(Element element) throws Exception {
        var transformer = TransformerFactory.newInstance().newTransformer();
        transformer.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
        StringWriter out = new StringWriter();
        transformer.transform(new DOMSource(element), new StreamResult(out));
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Inject
    DataProtectionProvider provider;

    @Inject
    @Protector("backends")
    DataProtector protector;

    @Test
    void applicationRepositoryAndKeyEncryption_areUsedInsteadOfTheConfiguredOnes() {
        assertThat(protector.unprotect(protector.protect("secret"))).isEqualTo("secret");
        assertThat(provider.status().store()).isEqualTo("application-repository");
        assertThat(Backends.REPOSITORY.readAll()).singleElement().satisfies(element -> {
            assertThat(element.xml()).contains("decryptorType=\"" + DECRYPTOR + "\"").contains("<base64")
                    .doesNotContain("<value>");
        });
        assertThat(java.nio.file.Files.exists(java.nio.file.Path.of("target/should-not-be-used"))).isFalse();
    }
}
