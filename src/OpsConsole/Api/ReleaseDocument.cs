using System.Buffers;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using OpsConsole.Domain.Configuration;
using OpsConsole.Domain.Quoting;
using OpsConsole.Persistence;

namespace OpsConsole.Api;

/// <summary>One encoding of a release document, ready to write: the bytes and their strong ETag.</summary>
public sealed record Representation(byte[] Body, string ETag, string? ContentEncoding);

/// <summary>A release in the list of a site's releases (newest first).</summary>
public sealed record ReleaseSummary(int Version, string Hash, DateTimeOffset PublishedAt, string PublishedBy, string Title)
{
    public static ReleaseSummary From(Release release) => new(release.Version, release.Hash, release.PublishedAt, release.PublishedByName, release.Title);
}

/// <summary>
/// A release document (<c>{site, version, hash, publishedAt, config}</c>) built once, with its gzip and
/// brotli forms, and the compiled configuration for quotes once the first quote asks. Releases are immutable, so
/// this is too.
/// </summary>
public sealed class ReleaseDocument
{
    private readonly Lazy<CompiledConfiguration> compiled;

    private ReleaseDocument(ReleaseSummary summary, string site, byte[] identity, SiteConfiguration config)
    {
        Summary = summary;
        Site = site;
        // Compiled at the first quote, not here: a publish builds the document before it wakes every watcher, and
        // compiling a large configuration (5,000 rules: about 5 ms) would hold them all for a quote that may never come.
        compiled = new Lazy<CompiledConfiguration>(() => QuoteEngine.Compile(config), LazyThreadSafetyMode.ExecutionAndPublication);
        // The ETag names the document's bytes, not only the configuration: a rollback republishes the same
        // configuration (same hash) as a new version, which is a different document.
        var tag = Convert.ToHexStringLower(SHA256.HashData(identity), 0, 16);
        Identity = new Representation(identity, $"\"{tag}\"", null);
        // A strong ETag covers one representation, so each encoding gets its own. The compressed forms are made here,
        // before the document is served: a publish must not make its thousands of watchers wait for (or race to make)
        // them. Brotli quality 5 takes about 0.2 ms for a typical document and is within about 10% of quality 11's size,
        // which takes about 15 ms; gzip's smallest size costs about the same 0.2 ms.
        GzipETag = $"\"{tag}-gzip\"";
        BrotliETag = $"\"{tag}-br\"";
        Gzip = new Representation(GzipCompress(identity), GzipETag, "gzip");
        Brotli = new Representation(BrotliCompress(identity), BrotliETag, "br");
    }

    private string GzipETag { get; }

    private string BrotliETag { get; }

    public string Site { get; }

    public int Version => Summary.Version;

    public ReleaseSummary Summary { get; }

    public CompiledConfiguration Compiled => compiled.Value;

    public Representation Identity { get; }

    public Representation Gzip { get; }

    public Representation Brotli { get; }

    public static ReleaseDocument From(Release release)
    {
        var parsed = ConfigurationJson.Parse(release.ConfigJson);
        if (!parsed.Succeeded)
        {
            // Releases are validated before they are stored; one that does not parse means the database was changed by hand.
            throw new InvalidOperationException($"Release {release.Site} v{release.Version} does not parse: {string.Join("; ", parsed.Errors.Select(e => $"{e.Path}: {e.Message}"))}");
        }

        var config = parsed.Value!;
        var buffer = new ArrayBufferWriter<byte>(16 * 1024);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteString("site", release.Site);
            writer.WriteNumber("version", release.Version);
            writer.WriteString("hash", release.Hash);
            writer.WriteString("publishedAt", ConfigurationJson.FormatInstant(release.PublishedAt));
            writer.WritePropertyName("config");
            ConfigurationJson.WriteSections(writer, config);
            writer.WriteEndObject();
        }

        return new ReleaseDocument(ReleaseSummary.From(release), release.Site, buffer.WrittenSpan.ToArray(), config);
    }

    /// <summary>The smallest encoding the client accepts (brotli, then gzip, then none).</summary>
    public Representation Select(string? acceptEncoding)
    {
        if (string.IsNullOrEmpty(acceptEncoding))
        {
            return Identity;
        }

        return Accepts(acceptEncoding, "br") ? Brotli : Accepts(acceptEncoding, "gzip") ? Gzip : Identity;
    }

    /// <summary>True when If-None-Match names any representation of this document (the weak comparison RFC 9110 asks for here).</summary>
    public bool Matches(string? ifNoneMatch)
    {
        if (string.IsNullOrEmpty(ifNoneMatch))
        {
            return false;
        }

        foreach (var range in ifNoneMatch.AsSpan().Split(','))
        {
            var candidate = ifNoneMatch.AsSpan()[range].Trim();
            if (candidate.StartsWith("W/"))
            {
                candidate = candidate[2..];
            }

            if (candidate is "*" || candidate.SequenceEqual(Identity.ETag) || candidate.SequenceEqual(GzipETag) || candidate.SequenceEqual(BrotliETag))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Accepts(string acceptEncoding, string coding)
    {
        foreach (var range in acceptEncoding.AsSpan().Split(','))
        {
            var item = acceptEncoding.AsSpan()[range].Trim();
            var semicolon = item.IndexOf(';');
            var name = (semicolon < 0 ? item : item[..semicolon]).Trim();
            if (!name.Equals(coding, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            // "br;q=0" means "not brotli".
            var parameters = semicolon < 0 ? [] : item[(semicolon + 1)..];
            var q = parameters.IndexOf("q=", StringComparison.OrdinalIgnoreCase);
            if (q < 0)
            {
                return true;
            }

            var value = parameters[(q + 2)..].Trim();
            return !(value.StartsWith("0") && value.TrimEnd('0').TrimEnd('.') is "0" or "");
        }

        return false;
    }

    private const int BrotliQuality = 5;
    private const int BrotliWindowBits = 22;

    private static byte[] BrotliCompress(byte[] data)
    {
        var buffer = new byte[BrotliEncoder.GetMaxCompressedLength(data.Length)];
        if (!BrotliEncoder.TryCompress(data, buffer, out var written, BrotliQuality, BrotliWindowBits))
        {
            throw new InvalidOperationException("Brotli could not compress a release document into its maximum compressed length.");
        }

        return buffer.AsSpan(0, written).ToArray();
    }

    private static byte[] GzipCompress(byte[] data)
    {
        using var output = new MemoryStream();
        using (var stream = new GZipStream(output, CompressionLevel.SmallestSize))
        {
            stream.Write(data);
        }

        return output.ToArray();
    }
}
