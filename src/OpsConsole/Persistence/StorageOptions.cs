namespace OpsConsole.Persistence;

/// <summary>Where the console keeps what it stores on disk; the command-line verbs read the same setting.</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>Folder for the SQLite database and other files; relative paths are under the content root.</summary>
    public string DataDirectory { get; set; } = "data";

    public const string DatabaseFileName = "opsconsole.db";

    public string ResolveDataDirectory(string contentRoot) =>
        Path.GetFullPath(Path.IsPathRooted(DataDirectory) ? DataDirectory : Path.Combine(contentRoot, DataDirectory));

    public string ResolveDatabasePath(string contentRoot) =>
        Path.Combine(ResolveDataDirectory(contentRoot), DatabaseFileName);
}
