using OpsConsole;
using OpsConsole.Cli;
using OpsConsole.Infrastructure;
using OpsConsole.Persistence;

try
{
    if (CommandLine.IsVerb(args))
    {
        return await CommandLine.RunAsync(args, Console.Out, Console.Error);
    }

    // Before anything is built: ASP.NET Core would take a mistyped option for a setting nobody reads and start as if not given.
    if (ServerArguments.Refusal(args) is { } refusal)
    {
        await Console.Error.WriteLineAsync(refusal);
        return CommandLine.Usage;
    }

    var app = OpsConsoleApp.Build(args);
    await app.Services.PrepareDatabaseAsync();
    await app.RunAsync();
    return 0;
}
catch (StartupException failure)
{
    // One plain line for operators instead of a stack trace: what is wrong and where.
    await Console.Error.WriteLineAsync($"OpsConsole cannot start: {failure.Message}");
    return 1;
}
catch (Exception failure) when (UnusableAddress.Refusal(failure) is { } refusal)
{
    await Console.Error.WriteLineAsync($"OpsConsole cannot start: {refusal}");
    return 1;
}

/// <summary>The entry point's type, named so integration tests can host the app.</summary>
public partial class Program;
