package io.quarkiverse.dataprotection.azure.keyvault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

import io.quarkiverse.dataprotection.testing.FakeKeyVaultServer;
import io.quarkiverse.dataprotection.xmlencryption.CertificateWithKey;
import io.quarkiverse.dataprotection.xmlencryption.CertificateXmlEncryptionTest;
import io.quarkiverse.dataprotection.xmlencryption.CertificateXmlEncryptor;
import io.quarkiverse.dataprotection.xmlencryption.EncryptedXmlDecryptor;
import io.quarkiverse.dataprotection.xmlencryption.TestCertificates;

/**
 * Certificate XML encryption of a key ring whose certificate lives in Azure Key Vault, against a real .NET
 * implementation: Mono's {@code System.Security.Cryptography.Xml.EncryptedXml} (the .NET Framework code) decrypts a
 * key element this library encrypted, and encrypts key elements this library decrypts, with RSA PKCS#1 v1.5 (what
 * {@code EncryptedXml.Encrypt(element, certificate)} and so ASP.NET's {@code CertificateXmlEncryptor} write) and with
 * RSA-OAEP. The C# peer ({@code src/test/resources/mono/EncryptedXmlPeer.cs}) is compiled with {@code mcs} here.
 * Skipped only when Mono is not installed ({@code apt-get install -y mono-mcs mono-runtime}; {@code .ci/run} does it).
 */
class MonoEncryptedXmlInteropTest {

    static final String DSIG = "http://www.w3.org/2000/09/xmldsig#";
    static final String XMLENC = "http://www.w3.org/2001/04/xmlenc#";

    @TempDir
    static Path dir;
    static Path peer;
    static FakeKeyVaultServer vault;
    static AzureKeyVaultCertificateSource source;
    static CertificateWithKey certificate;

    @BeforeAll
    static void compilePeerAndLoadTheCertificate() throws Exception {
        assumeTrue(onPath("mcs") && onPath("mono"), "Mono is not installed (mcs and mono are not on the PATH): "
                + "apt-get install -y mono-mcs mono-runtime to run the .NET EncryptedXml interoperability test");
        Path source = dir.resolve("EncryptedXmlPeer.cs");
        try (InputStream in = MonoEncryptedXmlInteropTest.class.getResourceAsStream("/mono/EncryptedXmlPeer.cs")) {
            Files.copy(in, source);
        }
        run("mcs", "-r:System.Security.dll", "-r:System.Xml.dll", "-out:" + dir.resolve("peer.exe"), source.toString());
        peer = dir.resolve("peer.exe");

        vault = FakeKeyVaultServer.start();
        vault.addVersion("interop", TestCertificates.of(TestCertificates.generate("mono-interop")));
        MonoEncryptedXmlInteropTest.source = AzureKeyVaultCertificateSource.builder(vault.vaultUrl(), "interop")
                .credential(vault.credential()).httpClient(vault.httpClient()).disableChallengeResourceVerification()
                .build();
        certificate = MonoEncryptedXmlInteropTest.source.certificates().encryptionCertificate();
        Files.write(dir.resolve("certificate.der"), certificate.certificate().getEncoded());
        Files.writeString(dir.resolve("key.xml"), rsaKeyValue(
                (java.security.interfaces.RSAPrivateCrtKey) certificate.privateKey().orElseThrow()));
    }

    @AfterAll
    static void stopVault() {
        if (vault != null) {
            vault.close();
        }
    }

    @Test
    void keyWeEncrypted_isDecryptedByDotNetsEncryptedXml() throws Exception {
        Element encrypted = new CertificateXmlEncryptor(source).encrypt(CertificateXmlEncryptionTest.masterKey())
                .encryptedElement();
        Files.writeString(dir.resolve("ours.xml"), KeyWrapXml.serialize(encrypted));

        run("mono", peer.toString(), "decrypt", dir.resolve("certificate.der").toString(),
                dir.resolve("key.xml").toString(), dir.resolve("ours.xml").toString(), dir.resolve("decrypted.xml").toString());

        Element decrypted = KeyWrapXml.parse(Files.readAllBytes(dir.resolve("decrypted.xml")));
        assertThat(decrypted.getLocalName()).isEqualTo("masterKey");
        assertThat(value(decrypted)).isEqualTo(value(CertificateXmlEncryptionTest.masterKey()));
    }

    @Test
    void keyDotNetEncryptedWithRsa15_asAspNetWritesIt_isDecryptedByUs() throws Exception {
        Element encrypted = dotNetEncrypted("rsa-1_5");

        assertThat(keyTransport(encrypted)).isEqualTo(XMLENC + "rsa-1_5");
        assertDecryptsToTheMasterKey(encrypted);
    }

    @Test
    void keyDotNetEncryptedWithOaep_isDecryptedByUs() throws Exception {
        Element encrypted = dotNetEncrypted("rsa-oaep");

        assertThat(keyTransport(encrypted)).isEqualTo(XMLENC + "rsa-oaep-mgf1p");
        assertDecryptsToTheMasterKey(encrypted);
    }

    private static Element dotNetEncrypted(String transport) throws Exception {
        Path plain = dir.resolve("plain-" + transport + ".xml");
        Files.writeString(plain, KeyWrapXml.serialize(CertificateXmlEncryptionTest.masterKey()));
        Path out = dir.resolve("dotnet-" + transport + ".xml");
        run("mono", peer.toString(), "encrypt", dir.resolve("certificate.der").toString(), transport, plain.toString(),
                out.toString());
        Element encrypted = KeyWrapXml.parse(Files.readAllBytes(out));
        assertThat(encrypted.getLocalName()).isEqualTo("EncryptedData");
        assertThat(encrypted.getElementsByTagNameNS(DSIG, "X509Certificate").item(0).getTextContent().strip())
                .isEqualTo(Base64.getEncoder().encodeToString(certificate.certificate().getEncoded()));
        return encrypted;
    }

    private static void assertDecryptsToTheMasterKey(Element encrypted) throws Exception {
        Element decrypted = new EncryptedXmlDecryptor(source).decrypt(encrypted);
        assertThat(decrypted.getLocalName()).isEqualTo("masterKey");
        assertThat(value(decrypted)).isEqualTo(value(CertificateXmlEncryptionTest.masterKey()));
    }

    private static String keyTransport(Element encryptedData) {
        Element key = (Element) encryptedData.getElementsByTagNameNS(XMLENC, "EncryptedKey").item(0);
        return ((Element) key.getElementsByTagNameNS(XMLENC, "EncryptionMethod").item(0)).getAttribute("Algorithm");
    }

    private static String value(Element masterKey) {
        return masterKey.getElementsByTagName("value").item(0).getTextContent();
    }

    /** .NET's {@code RSA.FromXmlString} form; the CRT parts must be exactly half the modulus long. */
    private static String rsaKeyValue(java.security.interfaces.RSAPrivateCrtKey key) {
        int n = (key.getModulus().bitLength() + 7) / 8;
        return "<RSAKeyValue><Modulus>" + b64(key.getModulus(), n) + "</Modulus><Exponent>"
                + b64(key.getPublicExponent(), 0) + "</Exponent><P>" + b64(key.getPrimeP(), n / 2) + "</P><Q>"
                + b64(key.getPrimeQ(), n / 2) + "</Q><DP>" + b64(key.getPrimeExponentP(), n / 2) + "</DP><DQ>"
                + b64(key.getPrimeExponentQ(), n / 2) + "</DQ><InverseQ>" + b64(key.getCrtCoefficient(), n / 2)
                + "</InverseQ><D>" + b64(key.getPrivateExponent(), n) + "</D></RSAKeyValue>";
    }

    private static String b64(BigInteger value, int length) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        if (bytes.length < length) {
            byte[] padded = new byte[length];
            System.arraycopy(bytes, 0, padded, length - bytes.length, bytes.length);
            bytes = padded;
        }
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static boolean onPath(String command) {
        String path = System.getenv("PATH");
        return path != null && Arrays.stream(path.split(java.io.File.pathSeparator))
                .anyMatch(d -> Files.isExecutable(Path.of(d, command)));
    }

    private static void run(String... command) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>(List.of(command));
        Path log = Files.createTempFile(dir, "process", ".log");
        Process process = new ProcessBuilder(line).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(Duration.ofMinutes(2).toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
            throw new IllegalStateException(String.join(" ", line) + " did not finish within 2 minutes");
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", line) + " failed with " + process.exitValue() + ":\n"
                    + Files.readString(log, StandardCharsets.UTF_8));
        }
    }
}
