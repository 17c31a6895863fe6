using System.Net;
using Microsoft.Extensions.DependencyInjection;
using OpsConsole.Features.ChangeRequests;
using OpsConsole.Tests.Infrastructure;

namespace OpsConsole.Tests.Integration;

/// <summary>The pages as a user who switched the console to Traditional Chinese gets them (prerendered HTML).</summary>
public sealed class ConsoleLanguageTests : IClassFixture<OpsConsoleFactory>
{
    private readonly OpsConsoleFactory factory;

    public ConsoleLanguageTests(OpsConsoleFactory factory) => this.factory = factory;

    [Fact]
    public async Task ReleasesPage_InTraditionalChinese_ShowsTranslatedHeadingsAndColumns()
    {
        var client = await ChineseClientAsync("hk-editor", "/sites/HK/releases");

        var html = WebUtility.HtmlDecode(await client.GetStringAsync("/sites/HK/releases"));

        Assert.Contains("香港（HK）：發佈版本</h1>", html, StringComparison.Ordinal);
        Assert.Contains("比較兩個版本", html, StringComparison.Ordinal);
        Assert.Contains("您可以編輯 HK", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Compare two releases", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChangeRequestsPage_InTraditionalChinese_ShowsTranslatedButton_AndEnglishStaysAsItWas()
    {
        var english = WebUtility.HtmlDecode(await (await factory.SignedInClientAsync("hk-editor")).GetStringAsync("/sites/HK/change-requests"));
        Assert.Contains("Hong Kong (HK): change requests</h1>", english, StringComparison.Ordinal);
        Assert.Contains("New change request", english, StringComparison.Ordinal);

        var client = await ChineseClientAsync("hk-editor", "/sites/HK/change-requests");
        var html = WebUtility.HtmlDecode(await client.GetStringAsync("/sites/HK/change-requests"));

        Assert.Contains("香港（HK）：變更申請</h1>", html, StringComparison.Ordinal);
        Assert.Contains("新增變更申請", html, StringComparison.Ordinal);
        Assert.DoesNotContain("New change request", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("admin", "/", "<h1>站點</h1>", HttpStatusCode.OK)]
    [InlineData("viewer", "/sites/HK/config", "香港（HK）：設定</h1>", HttpStatusCode.OK)]
    [InlineData("viewer", "/sites/HK/config", "HK 僅供檢視", HttpStatusCode.OK)]
    [InlineData("viewer", "/audit", "<h1>稽核紀錄</h1>", HttpStatusCode.OK)]
    [InlineData("admin", "/admin", "建立 API 金鑰", HttpStatusCode.OK)]
    [InlineData("viewer", "/sites/JP/config", "<h1>未知的站點</h1>", HttpStatusCode.NotFound)]
    public async Task EveryPage_InTraditionalChinese_RendersTranslated(string user, string path, string expected, HttpStatusCode status)
    {
        var client = await ChineseClientAsync(user, "/");

        var response = await client.GetAsync(path);

        Assert.Equal(status, response.StatusCode);
        Assert.Contains(expected, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChangeRequestPage_InTraditionalChinese_ShowsTranslatedToolbarAndSections()
    {
        var created = await factory.Services.GetRequiredService<ChangeRequestService>().CreateAsync(Users.HkEditor, "HK", "Language check");
        Assert.True(created.Succeeded, created.Message);
        var path = $"/sites/HK/change-requests/{created.Value!.Id}";
        var client = await ChineseClientAsync("hk-editor", path);

        var html = WebUtility.HtmlDecode(await client.GetStringAsync(path));

        Assert.Contains("提交審核", html, StringComparison.Ordinal);
        Assert.Contains("設定（JSON）", html, StringComparison.Ordinal);
        Assert.Contains("尚無核准或意見。", html, StringComparison.Ordinal);
        Assert.Contains("HK 的變更，基於 v1", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Submit for review", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryInteractivePage_InTraditionalChinese_CarriesItsOwnReconnectionAndErrorNotices()
    {
        // Without an element of its own, Blazor's script writes "Rejoining the server...", "Failed to rejoin. Please retry or
        // reload the page." and "Retry" in English whenever the connection drops; the error bar said "Something went wrong".
        var client = await ChineseClientAsync("viewer", "/");

        var html = WebUtility.HtmlDecode(await client.GetStringAsync("/sites/HK/config"));

        Assert.Contains("id=\"components-reconnect-modal\"", html, StringComparison.Ordinal);
        Assert.Contains("正在重新連線至伺服器…", html, StringComparison.Ordinal);
        Assert.Contains("無法重新連線至伺服器。", html, StringComparison.Ordinal);
        Assert.Contains("發生錯誤。", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Something went wrong", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DevelopmentSignIn_InTraditionalChinese_SaysWhatEachDemoUserMayDo_InChinese()
    {
        // Someone who signed out of the Chinese console comes back to this page with the language cookie still set.
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add("Cookie", ".AspNetCore.Culture=" + Uri.EscapeDataString("c=en|uic=zh-Hant"));

        var html = WebUtility.HtmlDecode(await client.GetStringAsync("/account/sign-in"));

        Assert.Contains("開發環境登入", html, StringComparison.Ordinal);
        Assert.Contains("HK 編輯者", html, StringComparison.Ordinal);
        Assert.Contains("系統管理員", html, StringComparison.Ordinal);
        Assert.DoesNotContain("HK editor", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Reads every site", html, StringComparison.Ordinal);
    }

    /// <summary>Signs in and switches the language through the header's form, as a browser does.</summary>
    private async Task<HttpClient> ChineseClientAsync(string user, string page)
    {
        var client = await factory.SignedInClientAsync(user);
        var token = OpsConsoleFactory.AntiforgeryToken(await client.GetStringAsync(page));
        var response = await client.PostAsync("/culture", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["culture"] = "zh-Hant",
            ["returnUrl"] = page,
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }
}
