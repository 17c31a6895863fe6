using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OpsConsole.Features.ChangeRequests;
using OpsConsole.Persistence;
using OpsConsole.Tests.Infrastructure;

namespace OpsConsole.Tests.Workflow;

/// <summary>Forged requests: what the page never offers, the server refuses anyway.</summary>
public sealed class ChangeRequestHttpActionTests : WorkflowTestBase
{
    [Fact]
    public async Task Approve_PostedByTheAuthor_IsRefusedWith403AndNothingChanges()
    {
        var request = await EditAsync(await CreateAsync(), c => SetThreshold(c, 249m));
        request = Succeed(await Service.SubmitAsync(Users.HkEditor, request.Id, request.Revision));
        var editor = await Factory.SignedInClientAsync("hk-editor");

        var response = await PostActionAsync(editor, request.Id, "approve", request.Revision, Named(request));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadAsStringAsync();
        Assert.True(problem.Contains("Only HK approvers can approve", StringComparison.Ordinal), problem);
        await using var db = Db();
        Assert.Equal(ChangeRequestState.InReview, db.ChangeRequests.Single(c => c.Id == request.Id).State);
    }

    [Fact]
    public async Task Approve_PostedByTheApprover_Approves()
    {
        var request = await EditAsync(await CreateAsync(), c => SetThreshold(c, 249m));
        request = Succeed(await Service.SubmitAsync(Users.HkEditor, request.Id, request.Revision));
        var approver = await Factory.SignedInClientAsync("hk-approver");

        var response = await PostActionAsync(approver, request.Id, "approve", request.Revision, [("acknowledgeWarnings", "true"), .. Named(request)]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Approved", body.GetProperty("state").GetString());
    }

    /// <summary>An approval names what it approves, as the page's does; a post that names only a revision approves nothing.</summary>
    [Theory]
    [InlineData("hash")]
    [InlineData("title")]
    [InlineData("both")]
    public async Task Approve_PostedWithoutNamingTheHashOrTitleRead_IsRefusedWith400AndNothingChanges(string left)
    {
        var request = await EditAsync(await CreateAsync(), c => SetThreshold(c, 249m));
        request = Succeed(await Service.SubmitAsync(Users.HkEditor, request.Id, request.Revision));
        var approver = await Factory.SignedInClientAsync("hk-approver");
        var named = Named(request).Where(f => left != "both" && f.Key != left).ToArray();

        var response = await PostActionAsync(approver, request.Id, "approve", request.Revision, [("acknowledgeWarnings", "true"), .. named]);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadAsStringAsync();
        Assert.True(problem.Contains("Name what you approve: the hash (sha256:...) of the configuration you read and its title", StringComparison.Ordinal), problem);
        var stored = await StoredAsync(request.Id);
        Assert.Equal(ChangeRequestState.InReview, stored.State);
        Assert.Empty(stored.Approvals);
    }

    [Fact]
    public async Task Approve_PostedNamingATitleChangedSince_Answers409SayingWhatChangedAndByWhom()
    {
        var request = await EditAsync(await CreateAsync(title: "Free direct mail from HK$249"), c => SetThreshold(c, 249m));
        var read = Succeed(await Service.SubmitAsync(Users.HkEditor, request.Id, request.Revision));
        var retitled = Succeed(await Service.SaveAsync(Users.HkEditor, read.Id, read.Revision, "Free direct mail from HK$249, all year", read.ConfigJson));
        Succeed(await Service.SubmitAsync(Users.HkEditor, retitled.Id, retitled.Revision));
        var approver = await Factory.SignedInClientAsync("hk-approver");

        var response = await PostActionAsync(approver, read.Id, "approve", read.Revision, [("acknowledgeWarnings", "true"), .. Named(read)]);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = await response.Content.ReadAsStringAsync();
        Assert.True(problem.Contains("was changed from “Free direct mail from HK$249” to “Free direct mail from HK$249, all year” by Hana Ho at", StringComparison.Ordinal), problem);
        Assert.Empty((await StoredAsync(read.Id)).Approvals);
    }

    /// <summary>The hash and title of the proposal <paramref name="request"/> holds, as the change request page shows them.</summary>
    private static (string Key, string Value)[] Named(ChangeRequest request) =>
        [("hash", OpsConsole.Domain.Configuration.ConfigurationJson.Sha256(ChangeRequestService.Parse(request.ConfigJson))), ("title", request.Title)];

    [Fact]
    public async Task Publish_WhileTheDatabaseIsDown_Answers503WithWhy_NotAStackTrace()
    {
        var request = await ApprovedAsync(c => SetThreshold(c, 249m));
        var approver = await Factory.SignedInClientAsync("hk-approver");

        Factory.MakeDatabaseUnreadable();
        var response = await PostActionAsync(approver, request.Id, "publish", null);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadAsStringAsync();
        Assert.True(problem.Contains("The database did not answer, so nothing was changed.", StringComparison.Ordinal), problem);
        Assert.DoesNotContain("SqliteException", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Action_WithoutAntiforgeryToken_IsRefused()
    {
        var request = await ApprovedAsync(c => SetThreshold(c, 249m));
        var approver = await Factory.SignedInClientAsync("hk-approver");

        var response = await approver.PostAsync($"/actions/change-requests/{request.Id}/publish", new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await using var db = Db();
        Assert.Equal(1, db.Releases.Count(r => r.Site == "HK"));
    }

    [Fact]
    public async Task Publish_PostedByTheTwApprover_IsForbidden_ByTheHkApprover_Publishes()
    {
        var request = await ApprovedAsync(c => SetThreshold(c, 249m));

        var forged = await PostActionAsync(await Factory.SignedInClientAsync("tw-approver"), request.Id, "publish", null);
        var real = await PostActionAsync(await Factory.SignedInClientAsync("hk-approver"), request.Id, "publish", null);

        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, real.StatusCode);
        Assert.Equal(2, (await real.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task Action_Anonymous_IsSentToSignIn()
    {
        var response = await Factory.CreateBrowserLikeClient().PostAsync("/actions/change-requests/1/approve", new FormUrlEncodedContent([]));

        Assert.Contains(response.StatusCode, new[] { HttpStatusCode.Redirect, HttpStatusCode.Unauthorized, HttpStatusCode.BadRequest });
        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
    }

    private static async Task<HttpResponseMessage> PostActionAsync(HttpClient client, int id, string action, int? revision, params (string Key, string Value)[] fields)
    {
        // The token every signed-in page carries (the sign-out form), as a script in the browser would find it.
        var token = OpsConsoleFactory.AntiforgeryToken(await client.GetStringAsync("/"));
        var form = new Dictionary<string, string> { ["__RequestVerificationToken"] = token };
        if (revision is { } r)
        {
            form["revision"] = r.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        foreach (var (key, value) in fields)
        {
            form[key] = value;
        }

        return await client.PostAsync($"/actions/change-requests/{id}/{action}", new FormUrlEncodedContent(form));
    }
}
