using System.Diagnostics;
using System.Text;

namespace Sluice.Tests.Support;

/// <summary>Runs the built <c>sluice</c> executable (<c>dotnet sluice.dll</c>, copied next to this test assembly) and shell pipelines around it.</summary>
internal static class SluiceProcess
{
    public static string SluiceDll
    {
        get
        {
            var path = Path.Combine(AppContext.BaseDirectory, "sluice.dll");
            return File.Exists(path) ? path : throw new FileNotFoundException("sluice.dll not found next to the tests", path);
        }
    }

    /// <summary>The shell command that starts sluice: <c>dotnet '/path/sluice.dll'</c>.</summary>
    public static string Command => $"dotnet '{SluiceDll}'";

    /// <summary>Starts a long-running <c>bash -c</c> pipeline with its output collected; disposing it kills the whole tree.</summary>
    public static ShellProcess StartShell(string script) => new(script);

    /// <summary>Runs <paramref name="script"/> with <c>bash -c</c> (TZ=UTC); kills it and fails after <paramref name="timeout"/>.</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> BashAsync(string script, TimeSpan timeout)
    {
        var start = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-o");
        start.ArgumentList.Add("pipefail");
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        start.Environment["TZ"] = "UTC";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancellation.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"timed out after {timeout}: {script}\n{await stderr.ConfigureAwait(false)}");
        }

        return (process.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false));
    }

    /// <summary>Starts <c>sluice sflowtool args</c> with redirected output; the caller disposes (kills) it.</summary>
    public static Process StartSflowtool(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add(SluiceDll);
        start.ArgumentList.Add("sflowtool");
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["TZ"] = "UTC";
        return Process.Start(start)!;
    }

    /// <summary>Fails (does not skip) when a tool the tests need is not installed.</summary>
    public static void RequireTool(string tool)
    {
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':'))
        {
            if (File.Exists(Path.Combine(directory, tool)))
            {
                return;
            }
        }

        throw new InvalidOperationException($"{tool} is not installed: apt-get install -y --no-install-recommends tcpdump tshark");
    }
}
