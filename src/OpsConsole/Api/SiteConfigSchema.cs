using System.Security.Cryptography;

namespace OpsConsole.Api;

/// <summary>
/// The JSON Schema of the configuration document, written by hand beside the domain's parser
/// (ConfigurationJson) and embedded; ApiSchemaTests checks the demo configurations against it.
/// </summary>
public static class SiteConfigSchema
{
    public static byte[] Utf8 { get; } = Load();

    public static string ETag { get; } = $"\"{Convert.ToHexStringLower(SHA256.HashData(Utf8), 0, 16)}\"";

    private static byte[] Load()
    {
        using var stream = typeof(SiteConfigSchema).Assembly.GetManifestResourceStream("OpsConsole.Api.site-config.schema.json")
            ?? throw new InvalidOperationException("The site-config schema is not embedded in the assembly.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
