using System.Diagnostics;

namespace Sluice.Tests.Support;

/// <summary>The built <c>sluice</c> executable (copied next to the tests) and shell pipelines around it.</summary>
internal static class SluiceExecutable
{
    public static string DllPath { get; } = Path.Combine(AppContext.BaseDirectory, "sluice.dll");

    /// <summary>The command line that runs sluice, for use inside shell pipelines.</summary>
    public static string Command => $"/usr/bin/dotnet {DllPath}";

    /// <summary>Starts <c>bash -c script</c> with stdout and stderr captured; the caller disposes (which kills the tree).</summary>
    public static ShellProcess StartShell(string script) => new(script);
}
