using System.Diagnostics;
using Sluice.Tests.Support;
using Xunit;
using YamlDotNet.RepresentationModel;

namespace Sluice.Tests.Deploy;

/// <summary>The files under <c>deploy/</c>: their paths, their YAML documents, and the Debian tools that check them.</summary>
internal static class DeployFiles
{
    public static string Folder => Path.Combine(SharedTestData.RepositoryRoot, "deploy");

    public static string PathOf(string relative) => Path.Combine(Folder, relative);

    /// <summary>Every document of a YAML file (manifests hold several, separated by <c>---</c>) as mappings.</summary>
    public static IReadOnlyList<YamlMappingNode> LoadYaml(string relative)
    {
        using var reader = new StreamReader(PathOf(relative));
        var stream = new YamlStream();
        stream.Load(reader);
        return [.. stream.Documents.Select(d => Assert.IsType<YamlMappingNode>(d.RootNode))];
    }

    /// <summary>Runs a tool to its end (bounded) and returns its exit code and both outputs.</summary>
    public static async Task<(int ExitCode, string Output, string Errors)> RunAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException(program + " did not start");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var errors = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await errors);
    }
}
