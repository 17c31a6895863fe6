namespace OpsConsole.Infrastructure;

/// <summary>A configuration or environment problem that must stop the console before it serves anything.</summary>
public sealed class StartupException(string message, Exception? inner = null) : Exception(message, inner);
