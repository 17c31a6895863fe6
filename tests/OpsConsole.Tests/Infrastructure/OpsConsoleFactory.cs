using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using OpsConsole.Testing;

namespace OpsConsole.Tests.Infrastructure;

/// <summary>
/// The real app on a real SQLite file in a folder of its own, in Development (so the development
/// sign-in is there) unless a test says otherwise.
/// </summary>
public class OpsConsoleFactory : WebApplicationFactory<Program>
{
    public string DataDirectory { get; } = Directory.CreateTempSubdirectory("opsconsole-tests-").FullName;

    public string EnvironmentName { get; init; } = "Development";

    public Dictionary<string, string?> Settings { get; } = [];

    /// <summary>Records <paramref name="user"/>'s sign-in as the console does when one completes (it goes into the audit log).</summary>
    public async Task RecordSignInAsync(System.Security.Claims.ClaimsPrincipal user)
    {
        using var scope = Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<OpsConsole.Auth.SignInRecorder>().RecordAsync(user, "development", CancellationToken.None);
    }

    /// <summary>
    /// Appends a sign-in entry to the audit chain as if made at <paramref name="at"/> (UTC, as the log keeps it), with
    /// <paramref name="subject"/> to tell it by: for filters by day, which the app's own clock cannot reach.
    /// </summary>
    public Task AppendAuditEntryAtAsync(string at, OpsConsole.Features.Audit.Actor actor, string site, string subject) =>
        new OpsConsole.Features.Audit.AuditLog(new FixedTime(DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture)))
            .AppendAloneAsync(Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<OpsConsole.Persistence.OpsConsoleDbContext>>(),
                actor, OpsConsole.Features.Audit.AuditActions.SignIn, site, subject, null, CancellationToken.None);

    private readonly ReadOnlyDatabase readOnly = new();

    /// <summary>
    /// As a database file, its -wal or -shm or the data folder made read-only for the console's user while it runs: SQLite
    /// refuses every write with SQLITE_READONLY ("attempt to write a readonly database") and still reads. Permissions do
    /// not stop root, whom the tests may run as; SQLite's <c>query_only</c> gives the same refusal on each connection.
    /// </summary>
    public void MakeDatabaseReadOnly() => readOnly.On = true;

    /// <summary>
    /// Renames the database file while the app runs, as an operator's <c>mv</c> would (its -wal and -shm stay where they are,
    /// as SQLite leaves them); the result puts it back. The app's pooled connections still hold the renamed file.
    /// </summary>
    public IDisposable RenameDatabase()
    {
        var path = Path.Combine(DataDirectory, OpsConsole.Persistence.StorageOptions.DatabaseFileName);
        var aside = Path.Combine(DataDirectory, "renamed.db");
        File.Move(path, aside);
        return new PutBack(() => File.Move(aside, path, overwrite: true));
    }

    private sealed class PutBack(Action putBack) : IDisposable
    {
        public void Dispose() => putBack();
    }

    /// <summary>As an operator's mistake would: the file is gone and a folder stands in its place, so SQLite cannot open it.</summary>
    public void MakeDatabaseUnreadable()
    {
        TestDatabases.CloseConsoleDatabase(DataDirectory);
        foreach (var file in Directory.GetFiles(DataDirectory, "opsconsole.db*"))
        {
            File.Delete(file);
        }

        Directory.CreateDirectory(Path.Combine(DataDirectory, "opsconsole.db"));
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(EnvironmentName);
        builder.UseSetting("Storage:DataDirectory", DataDirectory);
        builder.ConfigureServices(services => services.ConfigureDbContext<OpsConsole.Persistence.OpsConsoleDbContext>(options => options.AddInterceptors(readOnly)));
        if (EnvironmentName != "Development" && !Settings.ContainsKey("DataProtection:CertificatePath"))
        {
            // Outside Development the key ring must be encrypted at rest; give the app a certificate as an operator would.
            var (path, password) = TestCertificate.CreatePkcs12(DataDirectory);
            builder.UseSetting("DataProtection:CertificatePath", path);
            builder.UseSetting("DataProtection:CertificatePassword", password);
        }

        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>A client that keeps cookies and shows redirects instead of following them.</summary>
    public HttpClient CreateBrowserLikeClient() =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>Signs in through the development sign-in form exactly as a browser would, antiforgery included.</summary>
    public async Task<HttpClient> SignedInClientAsync(string demoUserId)
    {
        var client = CreateBrowserLikeClient();
        var page = await client.GetStringAsync("/account/sign-in");
        var response = await client.PostAsync("/account/dev-sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = AntiforgeryToken(page),
            ["userId"] = demoUserId,
            ["returnUrl"] = "/",
        }));
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Signing in as {demoUserId} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        return client;
    }

    public static string AntiforgeryToken(string html) =>
        Regex.Match(html, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value is { Length: > 0 } token
            ? token
            : throw new InvalidOperationException("The page has no antiforgery token.");

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            TestDatabases.CloseConsoleDatabase(DataDirectory);
            try
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // A temp folder left behind is harmless; failing the test run over it is not.
            }
        }
    }

    private sealed class ReadOnlyDatabase : Microsoft.EntityFrameworkCore.Diagnostics.DbConnectionInterceptor
    {
        public volatile bool On;

        public override void ConnectionOpened(System.Data.Common.DbConnection connection, Microsoft.EntityFrameworkCore.Diagnostics.ConnectionEndEventData eventData)
        {
            if (On)
            {
                using var command = connection.CreateCommand();
                command.CommandText = "PRAGMA query_only = 1";
                command.ExecuteNonQuery();
            }
        }

        public override async Task ConnectionOpenedAsync(System.Data.Common.DbConnection connection, Microsoft.EntityFrameworkCore.Diagnostics.ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            if (On)
            {
                await using var command = connection.CreateCommand();
                command.CommandText = "PRAGMA query_only = 1";
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
        }
    }
}
