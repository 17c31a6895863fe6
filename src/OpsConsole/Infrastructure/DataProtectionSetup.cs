using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using OpsConsole.Persistence;

namespace OpsConsole.Infrastructure;

/// <summary>
/// The keys that protect sign-in cookies, antiforgery tokens and the OpenID Connect state live in the data
/// folder, so a restart keeps everyone signed in. Outside Development they must be encrypted at rest with
/// a certificate (<c>DataProtection:CertificatePath</c>, <c>:CertificatePassword</c>); without one the
/// console refuses to start rather than write the keys in clear.
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
            try
            {
                protection.ProtectKeysWithCertificate(X509CertificateLoader.LoadPkcs12FromFile(certificatePath, builder.Configuration["DataProtection:CertificatePassword"]));
            }
            catch (Exception failure) when (failure is IOException or System.Security.Cryptography.CryptographicException or UnauthorizedAccessException)
            {
                throw new StartupException($"DataProtection:CertificatePath '{certificatePath}' cannot be loaded: {failure.Message}", failure);
            }
        }
        else if (!builder.Environment.IsDevelopment())
        {
            throw new StartupException("DataProtection:CertificatePath is not set. Outside Development the keys that protect sign-in cookies are encrypted at rest with a certificate (PKCS#12, with DataProtection:CertificatePassword).");
        }

        return builder;
    }
}
