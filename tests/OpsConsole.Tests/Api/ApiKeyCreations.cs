using OpsConsole.Api;

namespace OpsConsole.Tests.Api;

internal static class ApiKeyCreations
{
    /// <summary>The key a creation the test expects to succeed made, or a failure naming what the store refused.</summary>
    public static async Task<CreatedApiKey> CreatedAsync(this Task<ApiKeyCreation> creation)
    {
        var result = await creation;
        Assert.True(result.Succeeded, string.Join(" ", result.Problems));
        return result.Created!;
    }
}
