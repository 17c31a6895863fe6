using System.Globalization;
using System.Text;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using OpsConsole.Infrastructure;
using OpsConsole.Persistence;

namespace OpsConsole.Features.Audit;

/// <summary>
/// The audit log as a CSV file, with the Audit log page's filters: for an auditor's spreadsheet, or a record kept outside
/// the console. Every member of staff may read the log (ADR 0002), so every member of staff may export it.
/// </summary>
public static class AuditExportEndpoints
{
    /// <summary>The export's address, relative to the console's base.</summary>
    public const string Path = "audit/entries.csv";

    /// <summary>The columns: every stored field, hashes included, so the file's entries can be checked against the chain.</summary>
    public static readonly IReadOnlyList<string> Columns =
        ["sequence", "atUtc", "actorId", "actor", "action", "site", "subject", "details", "previousHash", "hash"];

    // Read in pages rather than held open: a long export must not keep one read transaction on the database for its
    // whole download, and a slow client must not hold thousands of entries in memory at once.
    private const int BatchSize = 1_000;

    public static IEndpointRouteBuilder MapAuditExport(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/" + Path, ExportAsync);
        return endpoints;
    }

    /// <summary>What a client is told when the database fails before any of the file is sent.</summary>
    public const string Unreadable = "The database did not answer, so the audit log could not be read. Try again in a moment.";

    private static async Task<IResult> ExportAsync(HttpContext http, IDbContextFactory<OpsConsoleDbContext> databases, TimeProvider clock, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        // The log is read per signed-in person: a proxy or a shared machine's disk cache must not keep it for the next.
        http.Response.Headers.CacheControl = "private, no-store";
        if (!AuditFilter.TryRead(http.Request.Query, out var filter, out var problem))
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, detail: problem);
        }

        var logger = loggers.CreateLogger(typeof(AuditExportEndpoints).FullName!);
        // The first batch is read before anything is sent, so that a database that is down is answered as the workflow's
        // form posts answer it (503 with why), not with a failure after a 200 and the start of a file.
        List<AuditEntry> first;
        try
        {
            first = await ReadBatchAsync(databases, filter, after: 0, BatchSize, cancellationToken);
        }
        catch (Exception failure) when (DatabaseFailures.Is(failure))
        {
            logger.LogError(failure, "The database failed before the audit log export sent anything");
            return DatabaseFailures.Problem(Unreadable);
        }

        var name = $"audit-log-{clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd-HHmm", CultureInfo.InvariantCulture)}.csv";
        return Results.Stream(async stream =>
        {
            try
            {
                await WriteAsync(stream, databases, filter, cancellationToken, first: first);
            }
            catch (Exception failure) when (DatabaseFailures.Is(failure))
            {
                // The 200 and some batches are already sent. A CSV file has no end marker, so ending the response cleanly
                // would leave the client a file that looks whole but stops at a batch boundary: an auditor would take
                // the log for shorter than it is. Aborting resets the connection (the stream, over HTTP/2), which
                // browsers and HTTP clients report as a failed download.
                logger.LogError(failure, "The database failed during the audit log export; the download is aborted so that it does not look complete");
                http.Abort();
            }
        }, "text/csv; charset=utf-8", name);
    }

    private static async Task<List<AuditEntry>> ReadBatchAsync(IDbContextFactory<OpsConsoleDbContext> databases, AuditFilter filter, long after, int batchSize, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        return await filter.Apply(db.AuditEntries.AsNoTracking()).Where(e => e.Sequence > after)
            .OrderBy(e => e.Sequence).Take(batchSize).ToListAsync(cancellationToken);
    }

    /// <summary>Writes the file; <paramref name="first"/> is its first batch when already read.</summary>
    internal static async Task WriteAsync(Stream stream, IDbContextFactory<OpsConsoleDbContext> databases, AuditFilter filter, CancellationToken cancellationToken, int batchSize = BatchSize, List<AuditEntry>? first = null)
    {
        // With the byte-order mark: Excel reads a CSV file without one in the machine's legacy code page, and the names
        // of Taiwan's and Hong Kong's staff came out as mojibake.
        await using var text = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), bufferSize: 16 * 1024, leaveOpen: true);
        await using var csv = new CsvWriter(text, CultureInfo.InvariantCulture);
        foreach (var column in Columns)
        {
            csv.WriteField(column);
        }

        await csv.NextRecordAsync();
        var after = 0L;
        while (true)
        {
            var batch = after == 0 && first is not null ? first : await ReadBatchAsync(databases, filter, after, batchSize, cancellationToken);
            foreach (var entry in batch)
            {
                csv.WriteField(entry.Sequence.ToString(CultureInfo.InvariantCulture));
                csv.WriteField(entry.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
                csv.WriteField(SpreadsheetText.Cell(entry.ActorId));
                csv.WriteField(SpreadsheetText.Cell(entry.ActorName));
                csv.WriteField(entry.Action);
                csv.WriteField(entry.Site ?? "");
                csv.WriteField(SpreadsheetText.Cell(entry.Subject ?? ""));
                csv.WriteField(SpreadsheetText.Cell(entry.Details));
                csv.WriteField(entry.PreviousHash);
                csv.WriteField(entry.Hash);
                await csv.NextRecordAsync();
            }

            await csv.FlushAsync();
            if (batch.Count < batchSize)
            {
                return;
            }

            after = batch[^1].Sequence;
        }
    }
}
