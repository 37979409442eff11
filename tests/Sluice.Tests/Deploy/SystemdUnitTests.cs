using Xunit;

namespace Sluice.Tests.Deploy;

/// <summary><c>deploy/sluice.service</c>: a unit systemd accepts, running <c>sluice serve</c>.</summary>
public sealed class SystemdUnitTests
{
    private const string Installed = "/usr/local/bin/sluice";

    [Fact]
    public void SluiceService_Keys_RunSluiceServeAsAnUnprivilegedRestartingService()
    {
        var sections = SystemdUnit.Parse(File.ReadAllLines(DeployFiles.PathOf("sluice.service")));

        Assert.Equal(["Unit", "Service", "Install"], sections.Keys);
        Assert.Equal(Installed + " serve", sections["Service"]["ExecStart"].Single());
        Assert.Equal("yes", sections["Service"]["DynamicUser"].Single());
        Assert.Equal("sluice", sections["Service"]["StateDirectory"].Single());
        Assert.Equal("/var/lib/sluice", sections["Service"]["WorkingDirectory"].Single());
        Assert.Equal("on-failure", sections["Service"]["Restart"].Single());
        Assert.Equal("multi-user.target", sections["Install"]["WantedBy"].Single());
    }

    /// <summary>
    /// <c>systemd-analyze verify</c> checks every key and that ExecStart's program exists, so the unit is verified as
    /// installed on this machine: a copy whose ExecStart names the sluice the tests built.
    /// </summary>
    [Fact]
    public async Task SluiceService_SystemdAnalyzeVerify_ReportsNothing()
    {
        var sluice = Path.Combine(AppContext.BaseDirectory, "sluice");
        Assert.True(File.Exists(sluice), "the sluice apphost is not beside the tests");
        var folder = Directory.CreateTempSubdirectory("sluice-unit-").FullName;
        try
        {
            var unit = Path.Combine(folder, "sluice.service");
            var text = await File.ReadAllTextAsync(DeployFiles.PathOf("sluice.service"), TestContext.Current.CancellationToken);
            await File.WriteAllTextAsync(unit, text.Replace("ExecStart=" + Installed, "ExecStart=" + sluice, StringComparison.Ordinal), TestContext.Current.CancellationToken);

            var (exitCode, output, errors) = File.Exists("/usr/bin/systemd-analyze")
                ? await DeployFiles.RunAsync("/usr/bin/systemd-analyze", "verify", unit)
                : (0, string.Empty, string.Join('\n', SystemdUnit.UnknownKeys(SystemdUnit.Parse(File.ReadAllLines(unit)))));

            Assert.Equal(0, exitCode);
            Assert.Equal(string.Empty, (output + errors).Trim());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
