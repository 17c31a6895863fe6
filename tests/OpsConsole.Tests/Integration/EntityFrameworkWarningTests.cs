using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpsConsole.Features.ChangeRequests;
using OpsConsole.Tests.Auth;
using OpsConsole.Tests.Infrastructure;

namespace OpsConsole.Tests.Integration;

/// <summary>What EF Core says of the console's queries in the server log, with the log levels the app ships with.</summary>
public sealed class EntityFrameworkWarningTests : IDisposable
{
    private readonly LoggedConsoleFactory factory = new();

    [Fact]
    public async Task AStart_TheOverview_AndAChangeRequestSavedAndOpened_LogNoEntityFrameworkWarning()
    {
        var client = await factory.SignedInClientAsync("hk-editor");
        var service = factory.Services.GetRequiredService<ChangeRequestService>();
        var request = (await service.CreateAsync(Users.HkEditor, "HK", "Logged quietly")).Value!;

        // The overview's work lists, a transition (which loads the request with its approvals, comments and editors) and
        // the change request's page (which shows them).
        Assert.Contains("Logged quietly", await client.GetStringAsync("/"), StringComparison.Ordinal);
        Assert.True((await service.SaveAsync(Users.HkEditor, request.Id, request.Revision, "Logged quietly, saved", request.ConfigJson)).Succeeded);
        Assert.Contains("Logged quietly, saved", await client.GetStringAsync($"/sites/HK/change-requests/{request.Id}"), StringComparison.Ordinal);

        var warnings = factory.Logs.Lines.Where(l => l.StartsWith("Warning Microsoft.EntityFrameworkCore", StringComparison.Ordinal)).ToList();
        Assert.True(warnings.Count == 0, string.Join("\n", warnings));
    }

    public void Dispose() => factory.Dispose();

    private sealed class LoggedConsoleFactory : OpsConsoleFactory
    {
        public CapturedLogs Logs { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        }
    }
}
