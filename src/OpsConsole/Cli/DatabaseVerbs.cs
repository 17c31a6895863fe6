using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using OpsConsole.Domain.Sites;
using OpsConsole.Domain.Validation;
using OpsConsole.Features.Audit;
using OpsConsole.Features.Releases;
using OpsConsole.Infrastructure;
using OpsConsole.Localization;
using OpsConsole.Persistence;

namespace OpsConsole.Cli;

/// <summary><c>import --site &lt;SITE&gt; --file &lt;config.json&gt;</c>: bootstraps a site with no release as v1.</summary>
internal sealed class ImportVerb : IVerb
{
    public string Name => "import";

    public string Usage => "import --site <SITE> --file <config.json>";

    public bool NeedsDatabase => true;

    // Bootstrapping a site may come before the console's first start.
    public bool CreatesDatabase => true;

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

        if (await ConfigFile.ReadWithPositionsAsync(path, context.Error) is not var (config, positions))
        {
            return CommandLine.Invalid;
        }

        if (config.Site != site.Code)
        {
            await context.Error.WriteLineAsync($"{path} is a configuration of {config.Site}, not {site.Code}.");
            return CommandLine.Invalid;
        }

        // As validate prints it: warnings do not stop an import (they are for an approver to acknowledge, and an import has
        // none), but the operator should know what they are publishing.
        var report = ConfigurationValidator.Validate(config);
        await ConfigFile.WriteReportAsync(report, positions, context);
        if (!report.IsValid)
        {
            await context.Error.WriteLineAsync("Nothing imported: a release must be free of errors.");
            return CommandLine.Invalid;
        }

        if (context.CreateDatabase is { } createDatabase)
        {
            try
            {
                await createDatabase();
            }
            catch (StartupException failure)
            {
                // Said as the verb's failure, as for the other database verbs; "OpsConsole cannot start" is about the server.
                await context.Error.WriteLineAsync($"{Name}: {failure.Message}");
                return CommandLine.Invalid;
            }
        }

        var importer = context.Services.GetRequiredService<ReleaseImporter>();
        var result = await importer.ImportAsync(config, Actor.CommandLine, path, CancellationToken.None);
        if (result is null)
        {
            await context.Error.WriteLineAsync($"{site.Code} already has releases; import only bootstraps a site's first release. Change it through a change request.");
            return CommandLine.Invalid;
        }

        await CommandLine.WriteSummaryAsync(context, $"Imported {site.Code} v{result.Version} ({result.Hash}) into {context.Database}.");
        return CommandLine.Ok;
    }
}

/// <summary><c>audit verify</c>: walks the audit chain; exit 1 naming the first broken entry.</summary>
internal sealed class AuditVerifyVerb : IVerb
{
    public string Name => "audit verify";

    public string Usage => "audit verify";

    public bool NeedsDatabase => true;

    public bool MigratesDatabase => false;

    public async Task<int> RunAsync(IReadOnlyList<string> arguments, VerbContext context)
    {
        if (arguments.Count != 0)
        {
            await context.Error.WriteLineAsync("Usage: " + Usage);
            return CommandLine.Usage;
        }

        await using var db = await context.Services.GetRequiredService<IDbContextFactory<OpsConsoleDbContext>>().CreateDbContextAsync();
        AuditVerification verification;
        try
        {
            verification = await AuditLog.VerifyAsync(db, CancellationToken.None);
        }
        catch (SqliteException failure)
        {
            // It does not migrate (it leaves the database as it finds it), so this is where a file that is not the console's
            // database (empty, damaged, another program's) shows; the file is what the operator needs named.
            await context.Error.WriteLineAsync($"{Name}: {context.Database} cannot be read as the console's database: {failure.Message}");
            return CommandLine.Invalid;
        }

        await (verification.IsIntact ? context.Out : context.Error).WriteLineAsync(verification.ToString());
        return verification.IsIntact ? CommandLine.Ok : CommandLine.Invalid;
    }
}

/// <summary>
/// <c>backup --to &lt;file&gt;</c>: a consistent copy of the console's database, taken with SQLite's online backup (the
/// console may keep running), checked (SQLite's integrity check and the audit chain) before it gets its name. It never
/// overwrites a file, and a failed backup leaves nothing behind.
/// </summary>
internal sealed class BackupVerb : IVerb
{
    public string Name => "backup";

    public string Usage => "backup --to <file>";

    public bool NeedsDatabase => true;

    public bool MigratesDatabase => false;

    public async Task<int> RunAsync(IReadOnlyList<string> arguments, VerbContext context)
    {
        var (options, positional, problem) = CommandLine.Parse(arguments, "to");
        if (problem is not null || positional.Count > 0 || !options.TryGetValue("to", out var path) || string.IsNullOrWhiteSpace(path))
        {
            await context.Error.WriteLineAsync((problem is null ? "" : problem + ". ") + "Usage: " + Usage);
            return CommandLine.Usage;
        }

        var target = Path.GetFullPath(path);
        if (Directory.Exists(target))
        {
            await context.Error.WriteLineAsync($"{target} is a folder: name the backup's file in it, as {Path.Combine(target, "opsconsole-")}<date>.db.");
            return CommandLine.Usage;
        }

        if (File.Exists(target))
        {
            await context.Error.WriteLineAsync($"{target} already exists; a backup never overwrites anything. Name a new file.");
            return CommandLine.Usage;
        }

        if (!Directory.Exists(Path.GetDirectoryName(target)))
        {
            await context.Error.WriteLineAsync($"The folder {Path.GetDirectoryName(target)} does not exist.");
            return CommandLine.Usage;
        }

        // Written under a name of its own first: a reader of the target name only ever sees a whole, checked backup.
        var partial = $"{target}.{Guid.NewGuid():N}.partial";

        // Ctrl+C, or a scheduler's time limit, ended the process mid-copy and left the partial copy (as large as the
        // database) behind. The copy is one SQLite step that cannot be cancelled: the partial files are removed at once (the
        // step goes on writing to a file with no name, freed when the process ends) and the process ends, unless the backup
        // already has its name, in which case it finishes saying so.
        var naming = new object();
        var named = false;
        void Interrupt(PosixSignalContext signal)
        {
            signal.Cancel = true;
            lock (naming)
            {
                if (named)
                {
                    return;
                }

                DeleteLeftovers(partial);
                context.Error.WriteLine($"The backup was interrupted; nothing was written to {target}.");
                Environment.Exit(CommandLine.Invalid);
            }
        }

        using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Interrupt);
        using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Interrupt);
        using var onHangUp = PosixSignalRegistration.Create(PosixSignal.SIGHUP, Interrupt);
        string? source = null;
        try
        {
            await using (var db = await context.Services.GetRequiredService<IDbContextFactory<OpsConsoleDbContext>>().CreateDbContextAsync())
            {
                source = db.Database.GetConnectionString();
                await db.Database.OpenConnectionAsync();
                await using var copy = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = partial, Pooling = false }.ToString());
                await copy.OpenAsync();
                // One step under one read transaction: a snapshot, whatever the console writes meanwhile.
                ((SqliteConnection)db.Database.GetDbConnection()).BackupDatabase(copy);
            }

            var check = await CheckAsync(partial);
            if (check.Problem is not null)
            {
                await context.Error.WriteLineAsync($"The copy failed its check ({check.Problem}); nothing was written to {target}.");
                return CommandLine.Invalid;
            }

            lock (naming)
            {
                File.Move(partial, target, overwrite: false);
                named = true;
            }

            await CommandLine.WriteSummaryAsync(context, PluralFormat.English(
                "Backed up to {0}: {1} {1:release|releases}, {2} audit {2:entry|entries}; integrity ok; {3}", target, check.Releases, check.AuditEntries, check.Verification));
            return CommandLine.Ok;
        }
        catch (Exception failure) when (failure is SqliteException or IOException or UnauthorizedAccessException)
        {
            await context.Error.WriteLineAsync($"The backup failed: {failure.Message} Nothing was written to {target}.");
            return CommandLine.Invalid;
        }
        finally
        {
            if (source is not null)
            {
                PersistenceSetup.ClosePooledConnectionsOf(source);
            }

            DeleteLeftovers(partial);
        }
    }

    private static void DeleteLeftovers(string partial)
    {
        foreach (var leftover in new[] { partial, partial + "-journal", partial + "-wal", partial + "-shm" })
        {
            try
            {
                File.Delete(leftover);
            }
            catch (Exception failure) when (failure is IOException or UnauthorizedAccessException)
            {
                // Another platform's lock on a file still open: what the backup says must not be lost to its cleaning up.
            }
        }
    }

    private static async Task<(long Releases, long AuditEntries, AuditVerification? Verification, string? Problem)> CheckAsync(string path)
    {
        var options = new DbContextOptionsBuilder<OpsConsoleDbContext>()
            .UseSqlite(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ToString())
            .Options;
        await using var db = new OpsConsoleDbContext(options);
        var integrity = await db.Database.SqlQueryRaw<string>("PRAGMA integrity_check").ToListAsync();
        if (integrity is not ["ok"])
        {
            return (0, 0, null, "integrity check: " + string.Join("; ", integrity));
        }

        var verification = await AuditLog.VerifyAsync(db, CancellationToken.None);
        if (!verification.IsIntact)
        {
            return (0, 0, verification, verification.ToString());
        }

        return (await db.Releases.LongCountAsync(), await db.AuditEntries.LongCountAsync(), verification, null);
    }
}
