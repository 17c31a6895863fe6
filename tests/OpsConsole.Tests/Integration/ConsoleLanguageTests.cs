using System.Net;
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

        Assert.Contains("香港 (HK): 發佈版本</h1>", html, StringComparison.Ordinal);
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

        Assert.Contains("香港 (HK): 變更申請</h1>", html, StringComparison.Ordinal);
        Assert.Contains("新增變更申請", html, StringComparison.Ordinal);
        Assert.DoesNotContain("New change request", html, StringComparison.Ordinal);
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
