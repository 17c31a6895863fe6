using System.Reflection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OpsConsole.Features.ChangeRequests;
using OpsConsole.Infrastructure;
using OpsConsole.Persistence;

namespace OpsConsole.Cli;

/// <summary>A maintenance verb of the console's executable.</summary>
public interface IVerb
{
    /// <summary>The words that select it ("validate", "apikey create").</summary>
    string Name { get; }

    string Usage { get; }

    /// <summary>Whether it works on the console's database (and so needs the same settings as the server).</summary>
    bool NeedsDatabase { get; }

    /// <summary>
    /// Whether it may create the database when there is none (only a site's first import does). Every other verb is
    /// refused where there is no database: run in the wrong folder, it would otherwise make an empty one and report on that.
    /// </summary>
    bool CreatesDatabase => false;

    /// <summary>
    /// Whether it brings the database up to this executable's schema first, as the console does when it starts. A verb
    /// that only reads (a backup, a verification) leaves it as it is: the backup an operator takes with a new version
    /// before upgrading must be of the database as the old version left it, not of one the new version just migrated.
    /// </summary>
    bool MigratesDatabase => true;

    /// <summary>Runs with the arguments after the verb's words; returns the process exit code.</summary>
    Task<int> RunAsync(IReadOnlyList<string> arguments, VerbContext context);
}

/// <summary>What a verb may use: its output streams and, for database verbs, the console's services.</summary>
/// <param name="Database">The database file the verb works on (null for a verb without one).</param>
/// <param name="CreateDatabase">
/// For a verb that <see cref="IVerb.CreatesDatabase"/>: creates (or migrates) the database. The verb calls it once its
/// arguments and input are known to be good, so a mistyped command leaves no empty database behind for the next verb to
/// report on.
/// </param>
public sealed record VerbContext(TextWriter Out, TextWriter Error, IServiceProvider Services, string? Database = null, Func<Task>? CreateDatabase = null);

/// <summary>
/// Dispatches <c>OpsConsole &lt;verb&gt; ...</c>. Exit codes: 0 done (help included), 1 the input is invalid (a file
/// that cannot be read or parsed, a config with errors), 2 the command itself was wrong (unknown verb or option, missing
/// argument, no database where a verb that needs one looked).
/// </summary>
public static class CommandLine
{
    public const int Ok = 0;
    public const int Invalid = 1;
    public const int Usage = 2;

    public static IReadOnlyList<IVerb> Verbs { get; } =
    [
        new ValidateVerb(),
        new QuoteVerb(),
        new DiffVerb(),
        new ImpactVerb(),
        new ImportVerb(),
        new AuditVerifyVerb(),
        new ApiKeyCreateVerb(),
        new BackupVerb(),
    ];

    private static readonly string[] ServerFlags = ["--urls", "--environment", "--contentRoot", "--applicationName"];

    // "help" alone only in the verb's place: as an argument it may be a file or a key's name.
    private static readonly string[] HelpOptions = ["--help", "-h", "-?"];

    // Alone in the first place, as tools have it; anywhere else it is left to the verb (or the server's settings).
    private const string VersionOption = "--version";

    /// <summary>True when the first argument names a verb (or asks for help or the version) rather than a server option.</summary>
    public static bool IsVerb(string[] args) =>
        args.Length > 0 && (IsHelp(args[0]) || IsVersion(args[0]) || (!args[0].StartsWith('-') && !ServerFlags.Contains(args[0])));

    /// <summary>
    /// The build, as an operator asks for it before an upgrade or when reporting a fault: the version and, after its
    /// <c>+</c>, the commit it was built from (the SDK adds it from the repository).
    /// </summary>
    public static string Version { get; } = typeof(CommandLine).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    private static bool IsVersion(string argument) => argument.Equals(VersionOption, StringComparison.OrdinalIgnoreCase);

    private static bool IsHelp(string argument) => argument.Equals("help", StringComparison.OrdinalIgnoreCase) || AsksForHelp(argument);

    private static bool AsksForHelp(string argument) => HelpOptions.Contains(argument, StringComparer.OrdinalIgnoreCase);

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        try
        {
            return await DispatchAsync(args, new VerbOutput(output), error);
        }
        catch (Exception failure) when (DatabaseFailures.IsMoved(failure))
        {
            // Only in the moment between the verb opening the database and its commit; the commit was rolled back.
            await error.WriteLineAsync("Nothing was written: the database file was moved, deleted or replaced while this ran. Put the console's database back where it is read (Storage__DataDirectory) and run this again.");
            return Invalid;
        }
        catch (OutputNotWrittenException failure)
        {
            // A full disk under "quote ... > quote.json": one line, not a stack trace and an abort.
            try
            {
                await error.WriteLineAsync($"The output could not be written: {failure.Message}");
            }
            catch (Exception stillFailing) when (stillFailing is IOException or UnauthorizedAccessException)
            {
                // The error stream fails too: the exit code is all that can still say it.
            }

            return Invalid;
        }
    }

    /// <summary>
    /// Writes the line that reports work already done (a release committed, a backup named). When the output cannot take it,
    /// the line goes to the error stream saying so, and the verb still exits 0: the exit code says what happened to the
    /// database, and a script that took a failure for "not imported" would run the import again.
    /// </summary>
    public static async Task WriteSummaryAsync(VerbContext context, string summary)
    {
        try
        {
            await context.Out.WriteLineAsync(summary);
        }
        catch (OutputNotWrittenException failure)
        {
            try
            {
                await context.Error.WriteLineAsync($"{summary.TrimEnd('.')}. This line could not be written to the output ({failure.Message}).");
            }
            catch (Exception stillFailing) when (stillFailing is IOException or UnauthorizedAccessException)
            {
                // Nowhere left to say it; the work is done, and the exit code says so.
            }
        }
    }

    private static async Task<int> DispatchAsync(string[] args, TextWriter output, TextWriter error)
    {
        if (IsVersion(args[0]))
        {
            await output.WriteLineAsync("OpsConsole " + Version);
            return Ok;
        }

        if (IsHelp(args[0]))
        {
            await output.WriteLineAsync($"Usage: {ServerArguments.Usage}   serves the console (settings: appsettings.json, environment variables, --Section:Key <value>)");
            await output.WriteLineAsync("       OpsConsole --version              prints the version and the commit it was built from");
            await output.WriteLineAsync("       OpsConsole <command>             runs a maintenance command on the same settings:");
            foreach (var known in Verbs)
            {
                await output.WriteLineAsync("  " + known.Usage);
            }

            return Ok;
        }

        var verb = Verbs
            .Where(v => Matches(v, args))
            .OrderByDescending(v => v.Name.Split(' ').Length)
            .FirstOrDefault();
        if (verb is null)
        {
            await error.WriteLineAsync($"Unknown command '{string.Join(' ', args.Take(2))}'. Commands:");
            foreach (var known in Verbs)
            {
                await error.WriteLineAsync("  " + known.Usage);
            }

            return Usage;
        }

        var rest = args.Skip(verb.Name.Split(' ').Length).ToArray();
        if (rest.Any(AsksForHelp))
        {
            // Before anything is read or created: "import --help" must not make a database.
            await output.WriteLineAsync("Usage: OpsConsole " + verb.Usage);
            return Ok;
        }

        if (!verb.NeedsDatabase)
        {
            return await verb.RunAsync(rest, new VerbContext(output, error, EmptyServices.Instance));
        }

        // The server's own builder, so a verb resolves the content root (the working directory unless
        // ASPNETCORE_CONTENTROOT says otherwise), the environment (ASPNETCORE_ENVIRONMENT first) and the settings
        // (appsettings, environment, Storage__DataDirectory) exactly as the server started the same way does, and works
        // on the database that server serves. Its arguments are the verb's, not settings; nothing here listens.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.Services.AddOpsConsolePersistence(builder.Configuration, builder.Environment);
        builder.Services.AddOpsConsoleWorkflow();
        builder.Services.RemoveAll<IStartupSeeder>();
        using var host = builder.Build();
        var database = host.Services.GetRequiredService<IOptions<StorageOptions>>().Value.ResolveDatabasePath(builder.Environment.ContentRootPath);
        if (!verb.CreatesDatabase && !File.Exists(database))
        {
            await error.WriteLineAsync($"There is no console database at {database}. Start the console once (it creates it), run this from the folder the console starts in, or name its data folder with Storage__DataDirectory.");
            return Usage;
        }

        // Before anything opens it: SQLite would take an empty file for an empty database, and the verbs that migrate would
        // make a console database of it.
        if ((DatabaseFile.Refusal(database) ?? DatabaseFile.WalRefusal(database, verb.MigratesDatabase ? DatabaseOpener.WritingVerb : DatabaseOpener.ReadingVerb)) is { } refusal)
        {
            await error.WriteLineAsync($"{verb.Name}: {refusal}");
            return Invalid;
        }

        if (verb.CreatesDatabase)
        {
            return await verb.RunAsync(rest, new VerbContext(output, error, host.Services, database, () => host.Services.PrepareDatabaseAsync()));
        }

        if (verb.MigratesDatabase)
        {
            try
            {
                await host.Services.PrepareDatabaseAsync();
            }
            catch (StartupException failure)
            {
                // Said as the verb's failure; Program's "OpsConsole cannot start" is about the server.
                await error.WriteLineAsync($"{verb.Name}: {failure.Message}");
                return Invalid;
            }
        }

        return await verb.RunAsync(rest, new VerbContext(output, error, host.Services, database));
    }

    private static bool Matches(IVerb verb, string[] args)
    {
        var words = verb.Name.Split(' ');
        return args.Length >= words.Length && words.Select((w, i) => string.Equals(w, args[i], StringComparison.OrdinalIgnoreCase)).All(x => x);
    }

    /// <summary>
    /// Reads "--name value" and "--name=value" options (the value after the first '=') and positional arguments; reports what
    /// is wrong in the verb's words.
    /// </summary>
    public static (Dictionary<string, string> Options, List<string> Positional, string? Problem) Parse(IReadOnlyList<string> arguments, params string[] optionNames)
    {
        var options = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var positional = new List<string>();
        for (var i = 0; i < arguments.Count; i++)
        {
            if (arguments[i].StartsWith("--", StringComparison.Ordinal))
            {
                var equals = arguments[i].IndexOf('=', StringComparison.Ordinal);
                var name = equals < 0 ? arguments[i][2..] : arguments[i][2..equals];
                if (!optionNames.Contains(name, StringComparer.OrdinalIgnoreCase))
                {
                    return (options, positional, $"unknown option --{name}");
                }

                if (equals < 0 && i + 1 >= arguments.Count)
                {
                    return (options, positional, $"--{name} needs a value");
                }

                // "apikey create --name --sites HK" left the name out: taking "--sites" as the name would create a key
                // named so, with no sites asked for. A value that does start with "--" is written --name=--value.
                if (equals < 0 && arguments[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    return (options, positional, $"--{name} needs a value (write --{name}={arguments[i + 1]} if that is the value)");
                }

                // Keeping the last of two values would run on a file or site the operator may not have meant.
                if (!options.TryAdd(name, equals < 0 ? arguments[++i] : arguments[i][(equals + 1)..]))
                {
                    return (options, positional, $"--{name} is given more than once");
                }
            }
            else
            {
                positional.Add(arguments[i]);
            }
        }

        return (options, positional, null);
    }

    /// <summary>
    /// The verbs' output, whose write failures (a full disk, a device that takes nothing) are told apart from the verb's own
    /// input and output files: the output is what the operator redirected, and a verb may have to undo what it could not show.
    /// </summary>
    private sealed class VerbOutput(TextWriter inner) : TextWriter
    {
        public override System.Text.Encoding Encoding => inner.Encoding;

        public override IFormatProvider FormatProvider => inner.FormatProvider;

        [System.Diagnostics.CodeAnalysis.AllowNull]
        public override string NewLine
        {
            get => inner.NewLine;
            set => inner.NewLine = value;
        }

        public override void Write(char value) => Guard(() => inner.Write(value));

        public override void Write(string? value) => Guard(() => inner.Write(value));

        public override void Write(char[] buffer, int index, int count) => Guard(() => inner.Write(buffer, index, count));

        public override void WriteLine(string? value) => Guard(() => inner.WriteLine(value));

        public override void Flush() => Guard(inner.Flush);

        public override Task WriteAsync(string? value) => GuardAsync(() => inner.WriteAsync(value));

        public override Task WriteLineAsync(string? value) => GuardAsync(() => inner.WriteLineAsync(value));

        public override Task FlushAsync() => GuardAsync(inner.FlushAsync);

        private static void Guard(Action write)
        {
            try
            {
                write();
            }
            catch (Exception failure) when (failure is IOException or UnauthorizedAccessException)
            {
                throw new OutputNotWrittenException(failure);
            }
        }

        private static async Task GuardAsync(Func<Task> write)
        {
            try
            {
                await write();
            }
            catch (Exception failure) when (failure is IOException or UnauthorizedAccessException)
            {
                throw new OutputNotWrittenException(failure);
            }
        }
    }

    private sealed class EmptyServices : IServiceProvider
    {
        public static readonly EmptyServices Instance = new();

        public object? GetService(Type serviceType) => null;
    }
}

/// <summary>
/// The verb's output could not be written (its <see cref="Exception.InnerException"/> says why). Not an
/// <see cref="IOException"/>: a verb's handling of its own files' failures must not take it for one of them.
/// </summary>
public sealed class OutputNotWrittenException(Exception failure) : Exception(Cause(failure), failure)
{
    // A closed output (">&-") comes as "Access to the path is denied", which would send the operator to the permissions;
    // the IOException inside it says "Bad file descriptor".
    private static string Cause(Exception failure) => failure is UnauthorizedAccessException { InnerException: IOException inner } ? inner.Message : failure.Message;
}
