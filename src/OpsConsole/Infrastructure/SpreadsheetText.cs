using System.Buffers;

namespace OpsConsole.Infrastructure;

/// <summary>
/// Spreadsheet formula injection: a cell that starts with = + - @ (or a tab or carriage return) is run as a formula by
/// Excel and its kind when a CSV file is opened, so a rule name or a person's name such as =HYPERLINK(...) written by one
/// user would act on the machine of whoever opens the file. Such a cell is written behind an apostrophe, which
/// spreadsheets show as text; reading takes exactly one apostrophe off a cell of that shape, so every value comes back as
/// it was (a value that itself starts with apostrophes and then such a character gets one more on the way out).
/// </summary>
public static class SpreadsheetText
{
    private static readonly SearchValues<char> FormulaStarts = SearchValues.Create("=+-@\t\r");

    public static string Cell(string value) =>
        value.AsSpan().TrimStart('\'') is [var first, ..] && FormulaStarts.Contains(first) ? "'" + value : value;

    public static string Uncell(string value) =>
        value is ['\'', .. var rest] && rest.AsSpan().TrimStart('\'') is [var first, ..] && FormulaStarts.Contains(first) ? rest : value;
}
