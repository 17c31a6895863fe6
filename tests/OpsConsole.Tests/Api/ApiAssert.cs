using System.IO.Compression;
using System.Net;
using System.Text.Json;

namespace OpsConsole.Tests.Api;

internal static class ApiAssert
{
    /// <summary>An RFC 9457 problem with the status in its body too, and nothing that looks like a stack trace.</summary>
    public static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain(" at OpsConsole", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
        var problem = JsonDocument.Parse(body).RootElement.Clone();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()));
        // RFC 9457: the problem's kind as a URI; ASP.NET Core fills most statuses, ApiProblems.TypeOf the rest (413, 429).
        Assert.True(Uri.TryCreate(problem.TryGetProperty("type", out var type) ? type.GetString() : null, UriKind.Absolute, out _), $"No type: {body}");
        return problem;
    }

    /// <summary>
    /// Reads <paramref name="path"/>, then asks again (<paramref name="method"/>, GET by default) with its ETag in
    /// <c>If-None-Match</c>: a 304 under the same ETag and without a body, which it returns.
    /// </summary>
    public static async Task<HttpResponseMessage> RevalidatesAsync(HttpClient client, string path, HttpMethod? method = null)
    {
        var first = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        using var again = new HttpRequestMessage(method ?? HttpMethod.Get, path);
        again.Headers.IfNoneMatch.Add(first.Headers.ETag!);

        var second = await client.SendAsync(again);

        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        Assert.Equal(first.Headers.ETag, second.Headers.ETag);
        Assert.Empty(await second.Content.ReadAsByteArrayAsync());
        return second;
    }

    /// <summary>A 400 problem whose <c>errors</c> names exactly these field paths.</summary>
    public static async Task InvalidFieldsAsync(HttpResponseMessage response, params string[] paths)
    {
        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        var named = problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(paths.Order(StringComparer.Ordinal).ToArray(), named);
    }

    /// <summary>A 200 in <paramref name="encoding"/> (br or gzip) under that encoding's own ETag, whose body decompresses to <paramref name="identity"/>.</summary>
    public static async Task CompressedAsync(HttpResponseMessage response, string encoding, byte[] identity)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([encoding], response.Content.Headers.ContentEncoding);
        Assert.EndsWith($"-{encoding}\"", response.Headers.ETag!.Tag, StringComparison.Ordinal);
        await using var stream = await response.Content.ReadAsStreamAsync();
        await using Stream decoder = encoding == "br" ? new BrotliStream(stream, CompressionMode.Decompress) : new GZipStream(stream, CompressionMode.Decompress);
        using var copy = new MemoryStream();
        await decoder.CopyToAsync(copy);
        Assert.Equal(identity, copy.ToArray());
    }
}
