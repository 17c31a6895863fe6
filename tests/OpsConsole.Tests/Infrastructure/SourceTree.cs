namespace OpsConsole.Tests.Infrastructure;

/// <summary>The console's source files, for tests that read what the code writes (texts, messages).</summary>
internal static class SourceTree
{
    /// <summary>src/OpsConsole of the repository the tests were built from.</summary>
    public static string AppFolder { get; } = Find();

    /// <summary>The repository the tests were built from (the folder of OpsConsole.sln).</summary>
    public static string RepositoryFolder { get; } = Path.GetFullPath(Path.Combine(AppFolder, "..", ".."));

    /// <summary>The change request service's files (one partial class): every refusal and audit entry of the workflow.</summary>
    public static IReadOnlyList<string> ChangeRequestServiceFiles() =>
        [.. Directory.GetFiles(Path.Combine(AppFolder, "Features", "ChangeRequests"), "ChangeRequestService*.cs").Order(StringComparer.Ordinal)];

    private static string Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "OpsConsole.sln")))
            {
                return Path.Combine(folder.FullName, "src", "OpsConsole");
            }
        }

        throw new InvalidOperationException("The repository (OpsConsole.sln) is not above " + AppContext.BaseDirectory);
    }
}
