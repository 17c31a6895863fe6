using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging.Abstractions;
using OpsConsole.Infrastructure;
using OpsConsole.Tests.Infrastructure;

namespace OpsConsole.Tests.Auth;

/// <summary>Which keys the start-up check reports as encrypted with a certificate the console was not given.</summary>
public sealed class KeyRingCertificateCheckTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 12, 5, 4, 0, 0, TimeSpan.Zero);

    private readonly DirectoryInfo keys = Directory.CreateTempSubdirectory("opsconsole-keyring-");

    [Fact]
    public void UnreadableKeys_AreTheUnexpiredOnesNamingAnotherCertificate()
    {
        using var given = Certificate("given");
        using var replaced = Certificate("replaced");
        WriteKey("a", given, expires: Now.AddDays(30));
        WriteKey("b", replaced, expires: Now.AddDays(60));
        WriteKey("c", replaced, expires: Now.AddDays(-1));
        File.WriteAllText(Path.Combine(keys.FullName, "key-broken.xml"), "<key");

        var found = Check(given).UnreadableKeys();

        Assert.Equal([(replaced.Thumbprint, Now.AddDays(60))], found);
        Assert.Empty(Check(given, replaced).UnreadableKeys());
    }

    [Fact]
    public void UnreadableKeys_InAKeyRingNotYetWritten_AreNone()
    {
        using var given = Certificate("given");
        keys.Delete();

        Assert.Empty(Check(given).UnreadableKeys());
    }

    public void Dispose()
    {
        if (keys.Exists)
        {
            keys.Delete(recursive: true);
        }
    }

    private KeyRingCertificateCheck Check(params X509Certificate2[] certificates) =>
        new(keys, certificates, new FixedTime(Now), NullLogger<KeyRingCertificateCheck>.Instance);

    private static X509Certificate2 Certificate(string name)
    {
        using var rsa = RSA.Create(2048);
        return new CertificateRequest($"CN={name}", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1).CreateSelfSigned(Now.AddDays(-1), Now.AddDays(365));
    }

    /// <summary>A key as the framework writes one encrypted to a certificate (the cipher values shortened).</summary>
    private void WriteKey(string id, X509Certificate2 certificate, DateTimeOffset expires) =>
        File.WriteAllText(Path.Combine(keys.FullName, $"key-{id}.xml"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <key id="{Guid.NewGuid()}" version="1">
              <creationDate>{expires.AddDays(-90):O}</creationDate>
              <activationDate>{expires.AddDays(-90):O}</activationDate>
              <expirationDate>{expires:O}</expirationDate>
              <descriptor deserializerType="Microsoft.AspNetCore.DataProtection.AuthenticatedEncryption.ConfigurationModel.AuthenticatedEncryptorDescriptorDeserializer">
                <descriptor>
                  <encryption algorithm="AES_256_CBC" />
                  <validation algorithm="HMACSHA256" />
                  <encryptedSecret decryptorType="Microsoft.AspNetCore.DataProtection.XmlEncryption.EncryptedXmlDecryptor" xmlns="http://schemas.asp.net/2015/03/dataProtection">
                    <EncryptedData Type="http://www.w3.org/2001/04/xmlenc#Element" xmlns="http://www.w3.org/2001/04/xmlenc#">
                      <EncryptionMethod Algorithm="http://www.w3.org/2001/04/xmlenc#aes256-cbc" />
                      <KeyInfo xmlns="http://www.w3.org/2000/09/xmldsig#">
                        <EncryptedKey xmlns="http://www.w3.org/2001/04/xmlenc#">
                          <EncryptionMethod Algorithm="http://www.w3.org/2001/04/xmlenc#rsa-oaep-mgf1p" />
                          <KeyInfo xmlns="http://www.w3.org/2000/09/xmldsig#">
                            <X509Data>
                              <X509Certificate>{Convert.ToBase64String(certificate.RawData)}</X509Certificate>
                            </X509Data>
                          </KeyInfo>
                          <CipherData><CipherValue>AAAA</CipherValue></CipherData>
                        </EncryptedKey>
                      </KeyInfo>
                      <CipherData><CipherValue>AAAA</CipherValue></CipherData>
                    </EncryptedData>
                  </encryptedSecret>
                </descriptor>
              </descriptor>
            </key>
            """);
}
