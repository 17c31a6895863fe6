using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpsConsole.Features.Audit;
using OpsConsole.Persistence;
using OpsConsole.Tests.Infrastructure;

namespace OpsConsole.Tests.Integration;

/// <summary>The audit log as a CSV file, with the Audit log page's filters, over a real SQLite database.</summary>
public sealed class AuditExportTests : IClassFixture<OpsConsoleFactory>
{
    private readonly OpsConsoleFactory factory;

    public AuditExportTests(OpsConsoleFactory factory) => this.factory = factory;

    [Fact]
    public async Task Export_WithoutFilters_IsEveryStoredEntryInChainOrder_AsStored()
    {
        var client = await factory.SignedInClientAsync("viewer");

        var response = await client.GetAsync("/audit/entries.csv");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Matches(@"^audit-log-\d{4}-\d{2}-\d{2}-\d{4}\.csv$", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        var (header, rows) = Read(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(AuditExportEndpoints.Columns, header);
        var stored = await StoredAsync(q => q);
        Assert.NotEmpty(stored);
        Assert.Equal(stored.Select(e => e.Sequence.ToString(CultureInfo.InvariantCulture)), rows.Select(r => r["sequence"]));
        foreach (var (entry, row) in stored.Zip(rows))
        {
            Assert.Equal(entry.Hash, row["hash"]);
            Assert.Equal(entry.PreviousHash, row["previousHash"]);
            Assert.Equal(entry.Details, row["details"]);
            Assert.Equal(entry.ActorName, row["actor"]);
            Assert.Equal(entry.At, DateTimeOffset.Parse(row["atUtc"], CultureInfo.InvariantCulture));
        }

        // Each row is the entry the chain holds: the hash made again from the row's fields is the row's hash.
        var last = rows[^1];
        Assert.Equal(last["hash"], Rehash(last));
    }

    [Fact]
    public async Task Export_HoldsWhatThePageListsForTheSameFilters_DaysInUtcBothIncluded()
    {
        await AppendAtAsync("2026-04-01T23:59:59Z", "Export Tester", "HK", "before");
        await AppendAtAsync("2026-04-02T00:00:00Z", "Export Tester", "HK", "first");
        await AppendAtAsync("2026-04-02T08:00:00Z", "Export Tester", "TW", "other site");
        await AppendAtAsync("2026-04-03T23:59:59.999Z", "Export Tester", "HK", "last");
        await AppendAtAsync("2026-04-04T00:00:00Z", "Export Tester", "HK", "after");
        var client = await factory.SignedInClientAsync("hk-editor");
        var filter = new AuditFilter(Site: "HK", Actor: "export tester", From: new DateOnly(2026, 4, 2), To: new DateOnly(2026, 4, 3));

        var response = await client.GetAsync("/" + filter.ExportPath());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var (_, rows) = Read(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(["first", "last"], rows.Select(r => r["subject"]));
        Assert.Equal(["first", "last"], (await StoredAsync(filter.Apply)).Select(e => e.Subject));
    }

    [Fact]
    public async Task Export_WritesACellThatAFormulaWouldStartAsText_AndChineseAsExcelReadsIt()
    {
        await AppendAtAsync("2026-05-01T00:00:00Z", "=HYPERLINK(\"https://example.invalid\",\"open\")", "HK", "formula");
        await AppendAtAsync("2026-05-01T00:00:01Z", "陳嘉豪", "HK", "chinese");
        var client = await factory.SignedInClientAsync("viewer");

        var bytes = await client.GetByteArrayAsync("/audit/entries.csv?from=2026-05-01&to=2026-05-01");

        // Excel reads a CSV file without the byte-order mark in the machine's legacy code page.
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var (_, rows) = Read(bytes);
        Assert.Equal("'=HYPERLINK(\"https://example.invalid\",\"open\")", rows.Single(r => r["subject"] == "formula")["actor"]);
        Assert.Equal("陳嘉豪", rows.Single(r => r["subject"] == "chinese")["actor"]);
    }

    [Fact]
    public async Task Export_ReadsTheLogInBatches_AndMissesNoEntryBetweenThem()
    {
        var stored = await StoredAsync(q => q);
        using var stream = new MemoryStream();

        await AuditExportEndpoints.WriteAsync(stream, factory.Services.GetRequiredService<IDbContextFactory<OpsConsoleDbContext>>(), new AuditFilter(), CancellationToken.None, batchSize: 2);

        var (_, rows) = Read(stream.ToArray());
        Assert.True(stored.Count > 4, "Too few entries to span several batches.");
        Assert.Equal(stored.Select(e => e.Sequence.ToString(CultureInfo.InvariantCulture)), rows.Select(r => r["sequence"]));
    }

    [Fact]
    public async Task Export_IsNeverKeptByACache()
    {
        var client = await factory.SignedInClientAsync("viewer");

        var response = await client.GetAsync("/audit/entries.csv");

        Assert.True(response.Headers.CacheControl?.NoStore, $"Cache-Control: {response.Headers.CacheControl}");
        Assert.True(response.Headers.CacheControl?.Private, $"Cache-Control: {response.Headers.CacheControl}");
    }

    [Theory]
    [InlineData("?from=2026-02-30", "'from' must be a date written yyyy-MM-dd; '2026-02-30' is not one.")]
    [InlineData("?to=yesterday", "'to' must be a date written yyyy-MM-dd; 'yesterday' is not one.")]
    [InlineData("?site=JP", "There is no site 'JP'.")]
    [InlineData("?action=Deleted", "There is no audit action 'Deleted'.")]
    [InlineData("?site=HK&site=TW", "'site' is given 2 times; give it once.")]
    [InlineData("?since=2026-01-01", "'since' is not a filter of the audit log; the filters are site, action, actor, from and to.")]
    public async Task Export_WithAFilterThatNamesNothing_Is400_SayingWhy(string query, string detail)
    {
        var client = await factory.SignedInClientAsync("viewer");

        var response = await client.GetAsync("/audit/entries.csv" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(detail, problem.RootElement.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Export_TakesFiltersAsThePageWritesThem_AndEmptyOnesFilterNothing()
    {
        var client = await factory.SignedInClientAsync("viewer");

        var response = await client.GetAsync("/audit/entries.csv?site=hk&action=signin&actor=&from=");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var (_, rows) = Read(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(
            (await StoredAsync(q => q.Where(e => e.Site == "HK" && e.Action == AuditActions.SignIn))).Select(e => e.Sequence.ToString(CultureInfo.InvariantCulture)),
            rows.Select(r => r["sequence"]));
    }

    private static (string[] Header, List<Dictionary<string, string>> Rows) Read(byte[] bytes)
    {
        using var csv = new CsvReader(new StringReader(new UTF8Encoding(false).GetString(bytes).TrimStart('\uFEFF')), CultureInfo.InvariantCulture);
        csv.Read();
        csv.ReadHeader();
        var header = csv.HeaderRecord!;
        var rows = new List<Dictionary<string, string>>();
        while (csv.Read())
        {
            rows.Add(header.ToDictionary(h => h, h => csv.GetField(h)!));
        }

        return (header, rows);
    }

    private static string Rehash(Dictionary<string, string> row) =>
        AuditLog.ComputeHash(long.Parse(row["sequence"], CultureInfo.InvariantCulture), DateTimeOffset.Parse(row["atUtc"], CultureInfo.InvariantCulture),
            OpsConsole.Infrastructure.SpreadsheetText.Uncell(row["actorId"]), OpsConsole.Infrastructure.SpreadsheetText.Uncell(row["actor"]), row["action"],
            row["site"].Length == 0 ? null : row["site"], row["subject"].Length == 0 ? null : OpsConsole.Infrastructure.SpreadsheetText.Uncell(row["subject"]),
            OpsConsole.Infrastructure.SpreadsheetText.Uncell(row["details"]), row["previousHash"]);

    private async Task<List<AuditEntry>> StoredAsync(Func<IQueryable<AuditEntry>, IQueryable<AuditEntry>> filter)
    {
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<OpsConsoleDbContext>>().CreateDbContextAsync();
        return await filter(db.AuditEntries.AsNoTracking()).OrderBy(e => e.Sequence).ToListAsync();
    }

    private Task AppendAtAsync(string at, string actorName, string site, string subject) =>
        factory.AppendAuditEntryAtAsync(at, new Actor("export-tester", actorName), site, subject);
}
