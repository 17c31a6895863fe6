using System.Globalization;
using OpsConsole.Domain.Sites;
using OpsConsole.Persistence;

namespace OpsConsole.Features.Audit;

/// <summary>
/// Which audit entries someone is looking at: the Audit log page's filters, and the same filters carried to its CSV
/// export, so that the file holds exactly what the page lists. Days are UTC days, as the page shows instants in UTC;
/// both ends are included.
/// </summary>
public sealed record AuditFilter(string? Site = null, string? Action = null, string? Actor = null, DateOnly? From = null, DateOnly? To = null)
{
    public const string DateFormat = "yyyy-MM-dd";

    public IQueryable<AuditEntry> Apply(IQueryable<AuditEntry> entries)
    {
        if (Site is not null)
        {
            entries = entries.Where(e => e.Site == Site);
        }

        if (Action is not null)
        {
            entries = entries.Where(e => e.Action == Action);
        }

        if (!string.IsNullOrWhiteSpace(Actor))
        {
            // Without regard to case ("hana" finds Hana Ho): SQLite's instr, which Contains becomes, minds case.
            var actor = Actor.Trim().ToLowerInvariant();
            entries = entries.Where(e => e.ActorName.ToLower().Contains(actor));
        }

        if (From is { } from)
        {
            var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            entries = entries.Where(e => e.At >= start);
        }

        if (To is { } to && to < DateOnly.MaxValue)
        {
            var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            entries = entries.Where(e => e.At < end);
        }

        return entries;
    }

    /// <summary>The export's address for these filters, relative to the console's base (no parameter for a filter not set).</summary>
    public string ExportPath() => AuditExportEndpoints.Path + Query();

    /// <summary>
    /// These filters as a query string (empty when none is set), the same for the page's address and the export's, so
    /// that <see cref="TryRead(IQueryCollection, out AuditFilter, out string?)"/> reads both.
    /// </summary>
    public string Query()
    {
        KeyValuePair<string, string?>[] filters =
        [
            new("site", Site),
            new("action", Action),
            new("actor", Actor?.Trim()),
            new("from", From?.ToString(DateFormat, CultureInfo.InvariantCulture)),
            new("to", To?.ToString(DateFormat, CultureInfo.InvariantCulture)),
        ];
        return QueryString.Create(filters.Where(f => !string.IsNullOrWhiteSpace(f.Value))).ToString();
    }

    /// <summary>Reads the filters of an absolute address, the Audit log page's own (see <see cref="TryRead(IQueryCollection, out AuditFilter, out string?)"/>).</summary>
    public static bool TryRead(Uri address, out AuditFilter filter, out string? problem) =>
        TryRead(new QueryCollection(Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(address.Query)), out filter, out problem);

    /// <summary>
    /// Reads the filters of an address; a value that names nothing the log can hold is refused, with the reason (the
    /// first, when several are wrong). <paramref name="filter"/> holds the filters that could be read all the same: the
    /// page lists by those, where the export refuses.
    /// </summary>
    public static bool TryRead(IQueryCollection query, out AuditFilter filter, out string? problem)
    {
        (filter, problem) = (new AuditFilter(), null);
        foreach (var (name, values) in query)
        {
            var wrong = Read(ref filter, name, values);
            problem ??= wrong;
        }

        return problem is null;
    }

    private static string? Read(ref AuditFilter filter, string name, Microsoft.Extensions.Primitives.StringValues values)
    {
        if (values.Count > 1)
        {
            return $"'{name}' is given {values.Count} times; give it once.";
        }

        var value = values.ToString().Trim();
        var key = name.ToLowerInvariant();
        if (key is not ("site" or "action" or "actor" or "from" or "to"))
        {
            return $"'{name}' is not a filter of the audit log; the filters are site, action, actor, from and to.";
        }

        if (value.Length == 0)
        {
            return null; // an empty filter filters nothing, as an emptied field on the page
        }

        switch (key)
        {
            case "site":
                if (!SiteCatalog.TryGet(value, out var site))
                {
                    return $"There is no site '{value}'.";
                }

                filter = filter with { Site = site.Code };
                break;
            case "action":
                if (AuditActions.All.FirstOrDefault(a => a.Equals(value, StringComparison.OrdinalIgnoreCase)) is not { } action)
                {
                    return $"There is no audit action '{value}'.";
                }

                filter = filter with { Action = action };
                break;
            case "actor":
                filter = filter with { Actor = value };
                break;
            default:
                if (!DateOnly.TryParseExact(value, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
                {
                    return $"'{key}' must be a date written {DateFormat}; '{value}' is not one.";
                }

                filter = key == "from" ? filter with { From = day } : filter with { To = day };
                break;
        }

        return null;
    }
}
