using System.Collections;
using System.Reflection;
using OpsConsole.Api;
using OpsConsole.Auth;
using OpsConsole.Persistence;

namespace OpsConsole.Cli;

/// <summary>
/// The options the console takes when started without a command. ASP.NET Core reads every <c>--key value</c> as a setting
/// and ignores a setting nobody reads, so "OpsConsole --hepl" and "OpsConsole --prot 8080" started the console on its
/// defaults without a word. An option is refused only when nothing reads it: a host setting, a setting of the console's
/// (its options classes and the sections read by name) or one inside an open section (<c>Logging</c>, <c>Kestrel</c>).
/// </summary>
public static class ServerArguments
{
    private const string Any = "*";

    /// <summary>The host's own settings (WebHostDefaults, HostDefaults), read from the command line by WebApplication.CreateBuilder.</summary>
    public static IReadOnlyList<string> HostSettings { get; } =
    [
        WebHostDefaults.ServerUrlsKey, WebHostDefaults.EnvironmentKey, WebHostDefaults.ContentRootKey, WebHostDefaults.ApplicationKey,
        WebHostDefaults.WebRootKey, WebHostDefaults.HttpPortsKey, WebHostDefaults.HttpsPortsKey, "https_port", WebHostDefaults.PreferHostingUrlsKey,
        WebHostDefaults.DetailedErrorsKey, WebHostDefaults.CaptureStartupErrorsKey, WebHostDefaults.ShutdownTimeoutKey,
        WebHostDefaults.SuppressStatusMessagesKey, WebHostDefaults.PreventHostingStartupKey, WebHostDefaults.HostingStartupAssembliesKey,
        WebHostDefaults.HostingStartupExcludeAssembliesKey, WebHostDefaults.StaticWebAssetsKey, "hostBuilder:reloadConfigOnChange",
        "AllowedHosts", "FORWARDEDHEADERS_ENABLED", $"Logging:{Any}", $"Kestrel:{Any}",
    ];

    /// <summary>
    /// The console's own settings, as ':'-separated paths: its options classes, and the sections it reads by name. <see cref="Any"/>
    /// stands for any key, and anything below it.
    /// </summary>
    public static IReadOnlyList<string> ConsoleSettings { get; } =
    [
        .. SettingsOf(StorageOptions.Section, typeof(StorageOptions)),
        .. SettingsOf(OidcSettings.Section, typeof(OidcSettings)),
        "DataProtection:CertificatePath", "DataProtection:CertificatePassword", $"DataProtection:PreviousCertificates:{Any}",
        "DemoData:Enabled",
        .. SettingsOf(ConsumerApiOptions.Section, typeof(ConsumerApiOptions)),
    ];

    private static IEnumerable<string> Settings => HostSettings.Concat(ConsoleSettings);

    public const string Usage = "OpsConsole [--urls <addresses>] [--environment <name>] [--<setting> <value>]...";

    /// <summary>Why <paramref name="args"/> must not start the console, with what it takes, or null when every one is read.</summary>
    public static string? Refusal(IReadOnlyList<string> args) => Problem(args) is { } problem
        ? $"""
          OpsConsole: {problem}; the console was not started.
          Usage: {Usage}
            A setting is written with ':' between its parts (--Storage:DataDirectory /srv/opsconsole, or --Storage:DataDirectory=/srv/opsconsole).
            The console's settings: {List(ConsoleSettings)}
            The host's: {List(HostSettings)}
          OpsConsole --help lists the commands.
          """
        : null;

    private static string List(IEnumerable<string> settings) => string.Join(", ", settings.Select(s => s.Replace(":" + Any, ":...", StringComparison.Ordinal)));

    /// <summary>Reads the arguments as the command-line configuration provider does, and says what it would ignore or what nothing reads.</summary>
    private static string? Problem(IReadOnlyList<string> args)
    {
        for (var i = 0; i < args.Count; i++)
        {
            var argument = args[i];
            var prefix = argument.StartsWith("--", StringComparison.Ordinal) ? 2 : argument.StartsWith('/') ? 1 : argument.StartsWith('-') ? 1 : 0;
            var equals = argument.IndexOf('=', StringComparison.Ordinal);
            if (prefix == 1 && argument[0] == '-')
            {
                // Without switch mappings the provider drops "-x value" and throws on "-x=value" (a stack trace at start).
                return $"unknown option {argument} (options start with --)";
            }

            if (prefix == 0 && equals < 0)
            {
                // Dropped by the provider: a command goes first ("OpsConsole validate ..."), and a value follows its option.
                return $"unexpected argument '{argument}'";
            }

            var key = equals < 0 ? argument[prefix..] : argument[prefix..equals];
            var settings = Settings.Where(setting => Names(setting, key)).ToList();
            if (settings.Count == 0)
            {
                return $"unknown option --{key}";
            }

            if (equals < 0 && ++i >= args.Count)
            {
                return $"--{key} needs a value";
            }

            // A section given no value is what a configuration listed key by key holds (WebApplicationFactory passes its
            // settings so); a section given one is a setting left unnamed.
            var value = equals < 0 ? args[i] : argument[(equals + 1)..];
            if (!settings.Any(setting => IsSetting(setting, key)) && value.Length > 0)
            {
                return $"--{key} is a section, not a setting: name one of its settings ({List(settings)})";
            }
        }

        return null;
    }

    /// <summary>Whether <paramref name="key"/> is <paramref name="setting"/>, a key in its open part, or a section that holds it.</summary>
    private static bool Names(string setting, string key)
    {
        var expected = setting.Split(':');
        var parts = key.Split(':');
        for (var i = 0; i < parts.Length; i++)
        {
            if (i >= expected.Length)
            {
                return false;
            }

            if (expected[i] == Any)
            {
                return true;
            }

            if (!string.Equals(expected[i], parts[i], StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Of a <paramref name="key"/> that <see cref="Names"/> <paramref name="setting"/>: whether it is more than a section above it.</summary>
    private static bool IsSetting(string setting, string key)
    {
        var expected = setting.Split(':');
        var open = Array.IndexOf(expected, Any);
        return key.Split(':').Length > (open < 0 ? expected.Length - 1 : open);
    }

    /// <summary>The settings an options class is bound from: its properties, a class's own below it, a dictionary's any key.</summary>
    private static IEnumerable<string> SettingsOf(string section, Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite)
            .SelectMany(p =>
            {
                var path = $"{section}:{p.Name}";
                var propertyType = Nullable.GetUnderlyingType(p.PropertyType) ?? p.PropertyType;
                return propertyType.IsPrimitive || propertyType.IsEnum || propertyType == typeof(string) || propertyType == typeof(decimal)
                    ? [path]
                    : typeof(IDictionary).IsAssignableFrom(propertyType) || typeof(IEnumerable).IsAssignableFrom(propertyType)
                        ? [$"{path}:{Any}"]
                        : SettingsOf(path, propertyType);
            });
}
