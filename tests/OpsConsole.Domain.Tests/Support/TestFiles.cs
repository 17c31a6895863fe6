using OpsConsole.Domain.Configuration;
using OpsConsole.Domain.Quoting;

namespace OpsConsole.Domain.Tests.Support;

public static class TestFiles
{
    public static string Read(params string[] parts) => File.ReadAllText(Path.Combine([AppContext.BaseDirectory, .. parts]));

    public static string Example(string name) => Read("TestData", "examples", name);

    public static SiteConfiguration Configuration(string json)
    {
        var result = ConfigurationJson.Parse(json);
        Assert.True(result.Succeeded, string.Join("\n", result.Errors.Select(e => $"{e.Path}: {e.Message}")));
        return result.Value!;
    }

    public static QuoteRequest Request(string json)
    {
        var result = QuoteJson.ParseRequest(json);
        Assert.True(result.Succeeded, string.Join("\n", result.Errors.Select(e => $"{e.Path}: {e.Message}")));
        return result.Value!;
    }

    public static SiteConfiguration HongKong() => Configuration(Example("config.HK.json"));
}
