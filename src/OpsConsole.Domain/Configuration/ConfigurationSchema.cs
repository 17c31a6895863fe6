namespace OpsConsole.Domain.Configuration;

/// <summary>
/// The JSON Schema (draft 2020-12) of the configuration document, for <c>GET /api/v1/schema/site-config</c>.
/// It describes shape only; the validator owns the rules that need the site or other sections.
/// </summary>
public static class ConfigurationSchema
{
    private static readonly Lazy<string> Text = new(() =>
    {
        using var stream = typeof(ConfigurationSchema).Assembly.GetManifestResourceStream("OpsConsole.Domain.Configuration.site-config.schema.json")
            ?? throw new InvalidOperationException("The configuration schema is not embedded in the domain assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    public static string Json => Text.Value;
}
