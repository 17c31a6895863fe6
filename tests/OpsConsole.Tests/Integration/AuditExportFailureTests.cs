using System.Data.Common;
using System.Net;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using OpsConsole.Features.Audit;
using OpsConsole.Persistence;
using OpsConsole.Tests.Infrastructure;

namespace OpsConsole.Tests.Integration;

/// <summary>The audit log export when the database fails under it. Each test owns its app: they break its database.</summary>
public sealed class AuditExportFailureTests
{
    [Fact]
    public async Task Export_WhileTheDatabaseIsDown_Answers503WithWhy_NotAStackTrace()
    {
        using var app = new OpsConsoleFactory();
        var client = await app.SignedInClientAsync("viewer");

        app.MakeDatabaseUnreadable();
        var response = await client.GetAsync("/audit/entries.csv?site=HK");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadAsStringAsync();
        Assert.True(problem.Contains(AuditExportEndpoints.Unreadable, StringComparison.Ordinal), problem);
        Assert.DoesNotContain("Exception", problem, StringComparison.Ordinal);
        Assert.DoesNotContain(" at OpsConsole.", problem, StringComparison.Ordinal);
        Assert.Null(response.Content.Headers.ContentDisposition);
    }

    [Fact]
    public async Task Export_WhenTheDatabaseFailsAfterTheFirstBatchWasSent_IsCutOff_NotEndedAsIfComplete()
    {
        using var console = new OpsConsoleFactory();
        var secondBatch = new FailsReadsOfLaterBatches();
        using var app = console.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
            services.AddSingleton(TestDatabases.ConsoleDatabaseThrough(console.DataDirectory, secondBatch))));
        await AppendEntriesAsync(app.Services.GetRequiredService<IDbContextFactory<OpsConsoleDbContext>>(), 1_100);
        var client = await SignedInAsync(app);

        secondBatch.Armed = true;
        using var response = await client.GetAsync("/audit/entries.csv", HttpCompletionOption.ResponseHeadersRead);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await Assert.ThrowsAnyAsync<Exception>(() => response.Content.ReadAsByteArrayAsync());
        Assert.True(secondBatch.Failed, "The export never asked for a second batch.");
    }

    private static async Task<HttpClient> SignedInAsync(Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> app)
    {
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var page = await client.GetStringAsync("/account/sign-in");
        var signIn = await client.PostAsync("/account/dev-sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = OpsConsoleFactory.AntiforgeryToken(page),
            ["userId"] = "viewer",
            ["returnUrl"] = "/",
        }));
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        return client;
    }

    /// <summary>Enough entries for the export to read a second batch (the export does not check the chain; each hash is only unique).</summary>
    private static async Task AppendEntriesAsync(IDbContextFactory<OpsConsoleDbContext> databases, int count)
    {
        await using var db = await databases.CreateDbContextAsync();
        var last = await db.AuditEntries.MaxAsync(e => (long?)e.Sequence) ?? 0;
        db.AuditEntries.AddRange(Enumerable.Range(1, count).Select(i => new AuditEntry
        {
            Sequence = last + i,
            At = DateTimeOffset.UtcNow,
            ActorId = "filler",
            ActorName = "Filler",
            Action = AuditActions.SignIn,
            Details = "{}",
            PreviousHash = $"sha256:{last + i - 1:x64}",
            Hash = $"sha256:{last + i:x64}",
        }));
        await db.SaveChangesAsync();
    }

    /// <summary>Once armed, fails as a database that went away would every read of the audit log after its first batch.</summary>
    private sealed class FailsReadsOfLaterBatches : DbCommandInterceptor
    {
        public volatile bool Armed;
        public volatile bool Failed;

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            if (Armed && command.CommandText.Contains("\"AuditEntries\"", StringComparison.Ordinal)
                && command.Parameters.Cast<DbParameter>().Any(p => p.ParameterName.Contains("after", StringComparison.Ordinal) && Convert.ToInt64(p.Value, System.Globalization.CultureInfo.InvariantCulture) > 0))
            {
                Failed = true;
                throw new SqliteException("disk I/O error", 10);
            }

            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }
    }
}
