using OpsConsole.Api;
using OpsConsole.Features.Audit;

namespace OpsConsole.Cli;

/// <summary>
/// <c>apikey create --name &lt;n&gt; --sites &lt;HK,TW&gt;</c>: creates a consumer key and prints it once, alone on the
/// output, what it is going to the error stream first: a script reading the output's first line (<c>| head -n 1</c>, <c>read</c>)
/// or its last (<c>tail -n 1</c>, with or without <c>2&gt;&amp;1</c>) gets the key. Only its hash is stored.
/// </summary>
internal sealed class ApiKeyCreateVerb : IVerb
{
    public string Name => "apikey create";

    public string Usage => "apikey create --name <name> --sites <HK,TW>";

    public bool NeedsDatabase => true;

    public async Task<int> RunAsync(IReadOnlyList<string> arguments, VerbContext context)
    {
        var (options, positional, problem) = CommandLine.Parse(arguments, "name", "sites");
        if (problem is not null || positional.Count > 0 || !options.TryGetValue("name", out var name) || !options.TryGetValue("sites", out var sitesText))
        {
            await context.Error.WriteLineAsync((problem is null ? "" : problem + ". ") + "Usage: " + Usage);
            return CommandLine.Usage;
        }

        var (sites, siteProblem) = ApiKeyStore.ParseSites(sitesText);
        if (siteProblem is not null)
        {
            await context.Error.WriteLineAsync(siteProblem);
            return CommandLine.Usage;
        }

        var store = ActivatorUtilities.CreateInstance<ApiKeyStore>(context.Services);
        var creation = await store.CreateAsync(name, sites, Actor.CommandLine, CancellationToken.None);
        if (creation.Created is not { } created)
        {
            foreach (var line in creation.Problems)
            {
                await context.Error.WriteLineAsync(line.Text);
            }

            return CommandLine.Usage;
        }

        try
        {
            // Before the key, so that the key is the last line of the two streams together too.
            await context.Error.WriteLineAsync($"Created API key '{created.Key.Name}' ({created.Key.Prefix}…) for {created.Key.Sites}. Store it now: it is shown only this once, on the output. Send it as the X-Api-Key header.");
        }
        catch (Exception failure) when (failure is IOException or UnauthorizedAccessException)
        {
            // The explanation is for a person; the key can still reach the script that asked for it.
        }

        try
        {
            await context.Out.WriteLineAsync(created.Secret);
        }
        catch (OutputNotWrittenException failure)
        {
            // Only its hash is kept: a key nobody saw can never be used, yet it would stay in force (and hold its name).
            await store.RevokeAsync(created.Key.Id, Actor.CommandLine, CancellationToken.None);
            await context.Error.WriteLineAsync($"The key '{created.Key.Name}' could not be shown (the output could not be written: {failure.Message}), so it is revoked. Create it again with the output going where it can be read.");
            return CommandLine.Invalid;
        }

        return CommandLine.Ok;
    }
}
