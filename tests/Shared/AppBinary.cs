using System.Diagnostics;

namespace OpsConsole.Testing;

/// <summary>
/// The console's built executable, started as a real process the way an operator starts it.
/// Linked into the test projects that need it (they build the app first through a project reference).
/// </summary>
public static class AppBinary
{
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>Same configuration (Debug or Release) as the running tests.</summary>
    public static string AppDirectory
    {
        get
        {
            var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
            var bin = Path.Combine(RepositoryRoot, "src", "OpsConsole", "bin", configuration);
            var executable = Directory.Exists(bin) ? Directory.GetFiles(bin, "OpsConsole", SearchOption.AllDirectories).FirstOrDefault() : null;
            return Path.GetDirectoryName(executable ?? throw new InvalidOperationException($"The console is not built under {bin}."))!;
        }
    }

    public static ProcessStartInfo StartInfo(IDictionary<string, string?> environment, params string[] arguments)
    {
        var directory = AppDirectory;
        var info = new ProcessStartInfo(Path.Combine(directory, "OpsConsole"))
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        // Tests decide the environment; nothing leaks in from the developer's shell.
        info.Environment.Remove("ASPNETCORE_ENVIRONMENT");
        info.Environment.Remove("DOTNET_ENVIRONMENT");
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        return info;
    }

    /// <summary>
    /// <paramref name="info"/> run as <c>nobody</c> (through <c>setpriv</c>) when the tests run as root, whom file permissions do
    /// not stop: for the tests of a user who may not write the data folder or the database, as another user than its owner.
    /// </summary>
    public static ProcessStartInfo AsAnotherUserWhenRoot(ProcessStartInfo info)
    {
        if (Environment.IsPrivilegedProcess)
        {
            info.ArgumentList.Insert(0, info.FileName);
            foreach (var option in new[] { "--clear-groups", "--regid=65534", "--reuid=65534" })
            {
                info.ArgumentList.Insert(0, option);
            }

            info.FileName = "setpriv";
        }

        return info;
    }

    /// <summary>Runs the executable to completion (for start-up refusals and command-line verbs).</summary>
    public static Task<(int ExitCode, string Output, string Error)> RunAsync(IDictionary<string, string?> environment, TimeSpan timeout, params string[] arguments) =>
        RunAsync(StartInfo(environment, arguments), timeout);

    /// <summary>Runs the executable to completion as <paramref name="info"/> says (from <see cref="StartInfo"/>, changed as a test needs).</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(ProcessStartInfo info, TimeSpan timeout)
    {
        var arguments = info.ArgumentList;
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"OpsConsole {string.Join(' ', arguments)} did not exit within {timeout}.");
        }

        return (process.ExitCode, await output, await error);
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "OpsConsole.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("OpsConsole.sln not found above " + AppContext.BaseDirectory);
    }
}
