// A .NET XML Encryption peer for the interoperability test (Mono's System.Security.Cryptography.Xml.EncryptedXml,
// the .NET Framework implementation). Written for this project from the XML Encryption specification and the .NET
// API documentation; it decrypts and encrypts a key element as ASP.NET Core's certificate encryption does.
//
//   mono EncryptedXmlPeer.exe decrypt <certificate.der> <rsa-key.xml> <encrypted.xml> <out.xml>
//   mono EncryptedXmlPeer.exe encrypt <certificate.der> <rsa-1_5|rsa-oaep> <plain.xml> <out.xml>
//
// decrypt: <encrypted.xml> holds the EncryptedData element; it is placed under a dummy root (as ASP.NET does), the
// session key is decrypted with the RSA key when an X509Certificate of the EncryptedKey matches the certificate's
// thumbprint (OAEP exactly when the key algorithm is xmlenc#rsa-oaep-mgf1p), and the decrypted element is written.
// encrypt: rsa-1_5 is what EncryptedXml.Encrypt(element, certificate) writes (ASP.NET's CertificateXmlEncryptor);
// rsa-oaep is the same with the AES-256 session key transported with OAEP.
using System;
using System.IO;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography.Xml;
using System.Text;
using System.Xml;

public static class EncryptedXmlPeer
{
    public static int Main(string[] args)
    {
        try
        {
            // .NET Framework maps the XML Encryption AES URIs to an algorithm in its machine configuration; Mono's
            // CryptoConfig does not, and EncryptedXml finds the content cipher through it.
            CryptoConfig.AddAlgorithm(typeof(RijndaelManaged), EncryptedXml.XmlEncAES256Url);
            var certificate = new X509Certificate2(File.ReadAllBytes(args[1]));
            if (args[0] == "decrypt")
            {
                var rsa = RSA.Create();
                rsa.FromXmlString(File.ReadAllText(args[2]));
                Write(args[4], Decrypt(File.ReadAllText(args[3]), certificate, rsa));
            }
            else
            {
                Write(args[4], Encrypt(File.ReadAllText(args[3]), certificate, args[2] == "rsa-oaep"));
            }
            return 0;
        }
        catch (Exception e)
        {
            Console.Error.WriteLine(e);
            return 1;
        }
    }

    static string Decrypt(string encryptedData, X509Certificate2 certificate, RSA key)
    {
        var document = new XmlDocument { PreserveWhitespace = true };
        document.LoadXml("<root>" + encryptedData + "</root>");
        new CertificateKeyEncryptedXml(document, certificate, key).DecryptDocument();
        return document.DocumentElement.FirstChild.OuterXml;
    }

    static string Encrypt(string plain, X509Certificate2 certificate, bool oaep)
    {
        var document = new XmlDocument { PreserveWhitespace = true };
        document.LoadXml("<root>" + plain + "</root>");
        var element = (XmlElement)document.DocumentElement.FirstChild;
        if (!oaep)
        {
            return new EncryptedXml().Encrypt(element, certificate).GetXml().OuterXml;
        }
        using (var session = new RijndaelManaged { KeySize = 256 })
        {
            var encryptedKey = new EncryptedKey
            {
                CipherData = new CipherData(EncryptedXml.EncryptKey(session.Key, (RSA)certificate.PublicKey.Key, true)),
                EncryptionMethod = new EncryptionMethod(EncryptedXml.XmlEncRSAOAEPUrl),
            };
            encryptedKey.KeyInfo.AddClause(new KeyInfoX509Data(certificate));
            var encryptedData = new EncryptedData
            {
                Type = EncryptedXml.XmlEncElementUrl,
                EncryptionMethod = new EncryptionMethod(EncryptedXml.XmlEncAES256Url),
            };
            encryptedData.KeyInfo.AddClause(new KeyInfoEncryptedKey(encryptedKey));
            encryptedData.CipherData.CipherValue = new EncryptedXml().EncryptData(element, session, false);
            return encryptedData.GetXml().OuterXml;
        }
    }

    static void Write(string path, string xml)
    {
        File.WriteAllText(path, xml, new UTF8Encoding(false));
    }

    sealed class CertificateKeyEncryptedXml : EncryptedXml
    {
        readonly X509Certificate2 certificate;
        readonly RSA key;

        public CertificateKeyEncryptedXml(XmlDocument document, X509Certificate2 certificate, RSA key) : base(document)
        {
            this.certificate = certificate;
            this.key = key;
        }

        public override byte[] DecryptEncryptedKey(EncryptedKey encryptedKey)
        {
            foreach (KeyInfoClause clause in encryptedKey.KeyInfo)
            {
                var data = clause as KeyInfoX509Data;
                if (data == null)
                {
                    continue;
                }
                foreach (X509Certificate2 candidate in data.Certificates)
                {
                    if (candidate.Thumbprint == certificate.Thumbprint)
                    {
                        bool useOaep = encryptedKey.EncryptionMethod != null
                                && encryptedKey.EncryptionMethod.KeyAlgorithm == XmlEncRSAOAEPUrl;
                        return DecryptKey(encryptedKey.CipherData.CipherValue, key, useOaep);
                    }
                }
            }
            throw new CryptographicException("No X509Certificate of the EncryptedKey matches " + certificate.Thumbprint);
        }
    }
}
