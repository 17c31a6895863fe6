using System.Security.Cryptography;
using System.Text;
using OpsConsole.Domain.Configuration;

namespace OpsConsole.Api;

/// <summary>
/// The JSON Schema of the configuration document as served: the domain's hand-written schema, kept beside
/// its parser (ConfigurationJson); ApiSchemaTests checks the demo configurations and bad documents against it.
/// </summary>
public static class SiteConfigSchema
{
    public static byte[] Utf8 { get; } = Encoding.UTF8.GetBytes(ConfigurationSchema.Json);

    public static string ETag { get; } = $"\"{Convert.ToHexStringLower(SHA256.HashData(Utf8), 0, 16)}\"";
}
