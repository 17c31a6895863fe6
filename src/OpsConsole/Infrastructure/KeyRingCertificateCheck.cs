using System.Security.Cryptography.X509Certificates;
using System.Xml;
using System.Xml.Linq;

namespace OpsConsole.Infrastructure;

/// <summary>
/// Says in one line, at start, when keys still in force were encrypted with a certificate the console no longer has.
/// The framework finds out only when a key is first used, and then logs an error with a stack trace for every attempt,
/// none of which says that the key-ring certificate was replaced or what to set.
/// </summary>
/// <remarks>
/// The check reads which certificate each key names (the key's XML carries it, public part only); it decrypts nothing.
/// </remarks>
public sealed partial class KeyRingCertificateCheck(
    DirectoryInfo keys, IReadOnlyList<X509Certificate2> certificates, TimeProvider clock, ILogger<KeyRingCertificateCheck> log) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var unreadable = UnreadableKeys();
        if (unreadable.Count > 0)
        {
            LogUnreadableKeys(log, unreadable.Count, string.Join(", ", unreadable.Select(key => key.Thumbprint).Distinct(StringComparer.Ordinal)), unreadable.Max(key => key.Expires));
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Keys not yet expired whose secret is encrypted to none of the certificates the console was given.</summary>
    internal IReadOnlyList<(string Thumbprint, DateTimeOffset Expires)> UnreadableKeys()
    {
        var known = certificates.Select(certificate => Convert.ToBase64String(certificate.RawData)).ToHashSet(StringComparer.Ordinal);
        var found = new List<(string, DateTimeOffset)>();
        foreach (var file in keys.Exists ? keys.EnumerateFiles("key-*.xml") : [])
        {
            XElement key;
            try
            {
                key = XElement.Load(file.FullName);
            }
            catch (XmlException)
            {
                // Not a key the framework could read either; it says so itself.
                continue;
            }

            if (!DateTimeOffset.TryParse(key.Element("expirationDate")?.Value, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var expires)
                || expires <= clock.GetUtcNow())
            {
                continue;
            }

            var named = key.Descendants().Where(element => element.Name.LocalName == "X509Certificate")
                .Select(element => string.Concat(element.Value.Where(c => !char.IsWhiteSpace(c))))
                .ToList();
            if (named.Count > 0 && !named.Any(known.Contains))
            {
                found.Add((Thumbprint(named[0]), expires));
            }
        }

        return found;
    }

    private static string Thumbprint(string base64)
    {
        try
        {
            using var certificate = X509CertificateLoader.LoadCertificate(Convert.FromBase64String(base64));
            return certificate.Thumbprint;
        }
        catch (Exception unreadable) when (unreadable is FormatException or System.Security.Cryptography.CryptographicException)
        {
            return "unknown";
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Key ring: {Count} of its keys, in force until {Expires:yyyy-MM-dd} were encrypted with a certificate the console was not given (thumbprint {Thumbprints}); sign-ins and forms made with them are refused, and the framework logs an error each time it meets one. If the key-ring certificate was replaced, name the old one in DataProtection:PreviousCertificates:0:Path and :Password until then.")]
    private static partial void LogUnreadableKeys(ILogger logger, int count, string thumbprints, DateTimeOffset expires);
}
