using System.Data.Common;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using OpsConsole.Features.Audit;
using OpsConsole.Persistence;
using OpsConsole.Tests.Infrastructure;

namespace OpsConsole.Tests.Components;

/// <summary>
/// Verifying the audit chain from the audit log page: progress, Cancel and the result, over the real audit log in SQLite.
/// The verifier reads two entries at a time, and its second batch waits until the test lets it go on, so the page is
/// seen mid-way without depending on timing.
/// </summary>
public sealed class AuditPageVerificationTests : ConsoleBunitContext
{
    private readonly HoldSecondBatch hold = new();
    private readonly long total;

    public AuditPageVerificationTests()
    {
        UseAppServices();
        SignInAsHkEditor();
        Services.AddSingleton(new AuditChainVerifier(TestDatabases.ConsoleDatabaseThrough(App.DataDirectory, hold)) { BatchSize = 2 });
        using var db = App.Services.GetRequiredService<IDbContextFactory<OpsConsoleDbContext>>().CreateDbContext();
        total = db.AuditEntries.LongCount();
        Assert.True(total > 2, "The demo seed should have written more than one batch of entries.");
    }

    [Fact]
    public void Verifying_ShowsHowFarItHasGot_AndCancel_ThenTheResult()
    {
        using var culture = UiCulture.Use("en");
        var page = RenderAndVerify();

        page.WaitForAssertion(() => Assert.Equal($"Checked 2 of {total} entries", page.Find("[data-testid=verification-progress]").TextContent.Trim()));
        Assert.NotNull(page.Find("[data-testid=verification-cancel]"));
        Assert.NotNull(page.Find("[role=progressbar][aria-label='Verification progress']"));
        Assert.Empty(page.FindAll("[data-testid=verification]"));
        // The page still answers while the check runs: its filters work.
        page.Find("input[aria-label='Filter by actor']").Change("nobody of that name");
        page.WaitForAssertion(() => Assert.Contains("No entries match.", page.Markup, StringComparison.Ordinal));

        hold.Release();

        page.WaitForAssertion(() => Assert.Equal($"Audit chain intact: {total} entries verified.", page.Find("[data-testid=verification] .rz-alert-content").TextContent.Trim()));
        Assert.Empty(page.FindAll("[data-testid=verification-cancel]"));
        Assert.Empty(page.FindAll("[data-testid=verification-progress]"));
    }

    [Fact]
    public async Task Cancel_StopsTheVerification_AndSaysHowFarItGot()
    {
        using var culture = UiCulture.Use("en");
        var page = RenderAndVerify();
        page.WaitForAssertion(() => Assert.Equal($"Checked 2 of {total} entries", page.Find("[data-testid=verification-progress]").TextContent.Trim()));
        await hold.Holding.Task.WaitAsync(TimeSpan.FromSeconds(30));

        page.Find("[data-testid=verification-cancel]").Click();

        page.WaitForAssertion(() => Assert.Equal(
            $"Verification cancelled after 2 of {total} entries; the chain was not verified.", page.Find("[data-testid=verification-cancelled]").TextContent.Trim()));
        Assert.True(hold.Cancelled.Task.IsCompleted);
        Assert.Empty(page.FindAll("[data-testid=verification]"));
        Assert.False(page.FindAll("button").Single(b => b.TextContent.Contains("Verify the chain", StringComparison.Ordinal)).HasAttribute("disabled"));
    }

    [Fact]
    public void InTraditionalChinese_TheProgressIsChinese()
    {
        using var culture = UiCulture.Use("zh-Hant-HK");
        var page = RenderAndVerify();

        page.WaitForAssertion(() => Assert.Equal($"已檢查 2 / {total} 筆紀錄", page.Find("[data-testid=verification-progress]").TextContent.Trim()));
        Assert.Equal("取消驗證", page.Find("[data-testid=verification-cancel] .rz-button-text").TextContent.Trim());
    }

    [Fact]
    public async Task LeavingThePage_CancelsTheVerification()
    {
        using var culture = UiCulture.Use("en");
        var page = RenderAndVerify();
        page.WaitForAssertion(() => Assert.Equal($"Checked 2 of {total} entries", page.Find("[data-testid=verification-progress]").TextContent.Trim()));
        await hold.Holding.Task.WaitAsync(TimeSpan.FromSeconds(30));

        await DisposeComponentsAsync();

        // Only cancellation ends the held batch's wait; the timeout only keeps a broken page from hanging the run.
        await hold.Cancelled.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }

    private IRenderedComponent<AuditPage> RenderAndVerify()
    {
        var page = Render<AuditPage>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("tbody tr.rz-data-row")));
        page.FindAll("button").Single(b => b.TextContent.Contains(OpsConsole.Localization.ConsoleTexts.T("Verify the chain"), StringComparison.Ordinal)).Click();
        return page;
    }

    protected override void Dispose(bool disposing)
    {
        hold.Release();
        base.Dispose(disposing);
    }

    /// <summary>Lets the verifier's first batch through and holds the second until released or cancelled.</summary>
    private sealed class HoldSecondBatch : DbCommandInterceptor
    {
        private readonly TaskCompletionSource released = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int batches;

        public TaskCompletionSource Cancelled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>
        /// The second batch is held. The page shows the first batch's progress before the second is asked for, and a
        /// cancellation in between stops the verifier before it asks, so it never reaches this hold (a run under load
        /// timed out waiting for <see cref="Cancelled"/>): tests that cancel wait for this first.
        /// </summary>
        public TaskCompletionSource Holding { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Release() => released.TrySetResult();

        public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            // A batch reads up to the last entry there was when the check began, a few at a time.
            var isBatch = command.CommandText.Contains("\"Sequence\" <=", StringComparison.Ordinal) && command.CommandText.Contains("LIMIT", StringComparison.Ordinal);
            if (isBatch && Interlocked.Increment(ref batches) == 2)
            {
                try
                {
                    Holding.TrySetResult();
                    await released.Task.WaitAsync(cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    Cancelled.TrySetResult();
                    throw;
                }
            }

            return result;
        }
    }
}
