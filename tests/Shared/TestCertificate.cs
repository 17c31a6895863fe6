using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace OpsConsole.Testing;

/// <summary>A throwaway self-signed certificate, as a PKCS#12 file, for encrypting the data-protection key ring (tests and the watch bench).</summary>
public static class TestCertificate
{
    public static (string Path, string Password) CreatePkcs12(string directory)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=OpsConsole test key ring", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(12));
        var path = System.IO.Path.Combine(directory, "keyring.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pkcs12, password));
        return (path, password);
    }
}
