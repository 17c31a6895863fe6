using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using OpsConsole.Features.ChangeRequests;
using OpsConsole.Tests.Infrastructure;

namespace OpsConsole.Tests.Integration;

/// <summary>What a browser tab says of the page in it: staff of several sites keep one tab per site open.</summary>
public sealed class PageTitleTests : IClassFixture<OpsConsoleFactory>
{
    private readonly OpsConsoleFactory factory;

    public PageTitleTests(OpsConsoleFactory factory) => this.factory = factory;

    [Theory]
    [InlineData("SG")]
    [InlineData("MY")]
    public async Task ChangeRequestPage_TitleNamesItsSite_BeforeTheChangeRequest(string site)
    {
        // An editor of SG and MY with a change request open in each tab read two tabs that named no site: the titles
        // staff give ("Free shipping from 60") seldom do, and CR numbers run across the sites.
        var service = factory.Services.GetRequiredService<ChangeRequestService>();
        var request = (await service.CreateAsync(Users.Get("sea-editor"), site, "Free shipping from 60")).Value!;
        var client = await factory.SignedInClientAsync("sea-editor");

        var html = await client.GetStringAsync($"/sites/{site}/change-requests/{request.Id}");

        var title = Regex.Match(html, "<title>(.*?)</title>", RegexOptions.Singleline).Groups[1].Value;
        Assert.Equal($"{site} · CR-{request.Id}: Free shipping from 60 · OpsConsole", System.Net.WebUtility.HtmlDecode(title));
    }
}
