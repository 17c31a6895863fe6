using Microsoft.EntityFrameworkCore;
using OpsConsole.Domain.Sites;
using OpsConsole.Domain.Validation;
using OpsConsole.Features.Audit;
using OpsConsole.Features.Releases;
using OpsConsole.Persistence;

namespace OpsConsole.Cli;

/// <summary><c>import --site &lt;SITE&gt; --file &lt;config.json&gt;</c>: bootstraps a site with no release as v1.</summary>
internal sealed class ImportVerb : IVerb
{
    public string Name => "import";

    public string Usage => "import --site <SITE> --file <config.json>";

    public bool NeedsDatabase => true;

    public async Task<int> RunAsync(IReadOnlyList<string> arguments, VerbContext context)
    {
        var (options, positional, problem) = CommandLine.Parse(arguments, "site", "file");
        if (problem is not null || positional.Count > 0 || !options.TryGetValue("site", out var siteCode) || !options.TryGetValue("file", out var path))
        {
            await context.Error.WriteLineAsync((problem is null ? "" : problem + ". ") + "Usage: " + Usage);
            return CommandLine.Usage;
        }

        if (!SiteCatalog.TryGet(siteCode, out var site))
        {
            await context.Error.WriteLineAsync($"Unknown site '{siteCode}'. Sites are {string.Join(", ", SiteCatalog.All.Select(s => s.Code))}.");
            return CommandLine.Usage;
        }

        var config = await ConfigFile.ReadAsync(path, context.Error);
        if (config is null)
        {
            return CommandLine.Invalid;
        }

        if (config.Site != site.Code)
        {
            await context.Error.WriteLineAsync($"{path} is a configuration of {config.Site}, not {site.Code}.");
            return CommandLine.Invalid;
        }

        var report = ConfigurationValidator.Validate(config);
        if (!report.IsValid)
        {
            foreach (var error in report.Errors)
            {
                await context.Error.WriteLineAsync($"error   {error.Path}: {error.Message}");
            }

            await context.Error.WriteLineAsync("Nothing imported: a release must be free of errors.");
            return CommandLine.Invalid;
        }

        var importer = context.Services.GetRequiredService<ReleaseImporter>();
        var result = await importer.ImportAsync(config, Actor.CommandLine, path, CancellationToken.None);
        if (result is null)
        {
            await context.Error.WriteLineAsync($"{site.Code} already has releases; import only bootstraps a site's first release. Change it through a change request.");
            return CommandLine.Invalid;
        }

        await context.Out.WriteLineAsync($"Imported {site.Code} v{result.Version} ({result.Hash}).");
        return CommandLine.Ok;
    }
}

/// <summary><c>audit verify</c>: walks the audit chain; exit 1 naming the first broken entry.</summary>
internal sealed class AuditVerifyVerb : IVerb
{
    public string Name => "audit verify";

    public string Usage => "audit verify";

    public bool NeedsDatabase => true;

    public async Task<int> RunAsync(IReadOnlyList<string> arguments, VerbContext context)
    {
        if (arguments.Count != 0)
        {
            await context.Error.WriteLineAsync("Usage: " + Usage);
            return CommandLine.Usage;
        }

        await using var db = await context.Services.GetRequiredService<IDbContextFactory<OpsConsoleDbContext>>().CreateDbContextAsync();
        var verification = await AuditLog.VerifyAsync(db, CancellationToken.None);
        await (verification.IsIntact ? context.Out : context.Error).WriteLineAsync(verification.ToString());
        return verification.IsIntact ? CommandLine.Ok : CommandLine.Invalid;
    }
}
