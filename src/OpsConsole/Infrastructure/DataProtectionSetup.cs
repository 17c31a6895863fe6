using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using OpsConsole.Persistence;

namespace OpsConsole.Infrastructure;

/// <summary>
/// The keys that protect sign-in cookies, antiforgery tokens and the OpenID Connect state live in the data
/// folder, so a restart keeps everyone signed in. Outside Development they must be encrypted at rest with
/// a certificate (<c>DataProtection:CertificatePath</c>, <c>:CertificatePassword</c>); without one the
/// console refuses to start rather than write the keys in clear. Certificates expire, so a replaced one may stay
/// for reading the keys it encrypted (<c>DataProtection:PreviousCertificates:n:Path</c>, <c>:Password</c>): the
/// sign-ins made before the change go on.
/// </summary>
public static class DataProtectionSetup
{
    public static WebApplicationBuilder AddOpsConsoleDataProtection(this WebApplicationBuilder builder)
    {
        var storage = builder.Configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
        var keys = new DirectoryInfo(Path.Combine(storage.ResolveDataDirectory(builder.Environment.ContentRootPath), "keys"));
        var protection = builder.Services.AddDataProtection()
            .SetApplicationName("OpsConsole")
            .PersistKeysToFileSystem(keys);

        var certificatePath = builder.Configuration["DataProtection:CertificatePath"];
        if (!string.IsNullOrWhiteSpace(certificatePath))
        {
            var current = LoadCertificate("DataProtection:CertificatePath", certificatePath, builder.Configuration["DataProtection:CertificatePassword"]);
            protection.ProtectKeysWithCertificate(current);
            var previous = builder.Configuration.GetSection("DataProtection:PreviousCertificates").GetChildren()
                .Select(entry => LoadCertificate($"{entry.Path}:Path", entry["Path"], entry["Password"]))
                .ToArray();
            if (previous.Length > 0)
            {
                protection.UnprotectKeysWithAnyCertificate(previous);
            }

            builder.Services.AddHostedService(services => new KeyRingCertificateCheck(
                keys, [current, .. previous], services.GetRequiredService<TimeProvider>(), services.GetRequiredService<ILogger<KeyRingCertificateCheck>>()));
        }
        else if (!builder.Environment.IsDevelopment())
        {
            throw new StartupException("DataProtection:CertificatePath is not set. Outside Development the keys that protect sign-in cookies are encrypted at rest with a certificate (PKCS#12, with DataProtection:CertificatePassword).");
        }

        CheckKeyRingFolder(keys);
        return builder;
    }

    private static string WhatToSet(string setting) =>
        $"Set {setting} to a PKCS#12 (.pfx) file holding the certificate and its private key, and {PasswordOf(setting)} to its password.";

    private static string PasswordOf(string setting) =>
        setting.EndsWith(":Path", StringComparison.Ordinal) ? setting[..^"Path".Length] + "Password" : "DataProtection:CertificatePassword";

    private static X509Certificate2 LoadCertificate(string setting, string? path, string? password)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new StartupException($"{setting} is not set. {WhatToSet(setting)}");
        }

        if (!File.Exists(path))
        {
            // The loader's own words for a missing file were "Error occurred during a cryptographic operation."
            throw new StartupException($"{setting} '{path}' does not exist (or is not a file). {WhatToSet(setting)}");
        }

        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(path, password);
        }
        catch (Exception failure) when (failure is IOException or System.Security.Cryptography.CryptographicException or UnauthorizedAccessException)
        {
            throw new StartupException($"{setting} '{path}' cannot be loaded: {failure.Message} {WhatToSet(setting)}", failure);
        }

        if (!certificate.HasPrivateKey)
        {
            // Keys are encrypted with the public key alone, so the console would start, and after its next restart read
            // none of them back: every sign-in cookie and antiforgery token refused.
            certificate.Dispose();
            throw new StartupException($"{setting} '{path}' has no private key, so the key ring it encrypts could not be read back. {WhatToSet(setting)}");
        }

        return certificate;
    }

    /// <summary>
    /// The key ring is read and written on first use, long after start: a folder the console cannot use let it start, log
    /// stack traces, and answer 500 to every sign-in. Keys it cannot decrypt (a replaced certificate) are not a reason to
    /// refuse: the console makes a new key and logs the old ones as unreadable.
    /// </summary>
    private static void CheckKeyRingFolder(DirectoryInfo keys)
    {
        try
        {
            keys.Create();
            foreach (var file in keys.EnumerateFiles("*.xml"))
            {
                using var _ = file.OpenRead();
            }

            var probe = Path.Combine(keys.FullName, $".write-check-{Guid.NewGuid():N}");
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
        }
        catch (Exception failure) when (failure is IOException or UnauthorizedAccessException)
        {
            throw new StartupException($"the key ring folder '{keys.FullName}' cannot be used: {failure.Message} It must be a folder the console's user can read and write (it is 'keys' in Storage:DataDirectory).", failure);
        }
    }
}
