using Xunit;

namespace Sluice.Tests.Sflowtool;

/// <summary>sflowtool's getopt_long command line: flags, clusters, long names, errors and exit codes.</summary>
public sealed class SflowtoolCommandLineTests
{
    [Theory]
    [InlineData("-z")]
    [InlineData("--version")]
    [InlineData("--vers")]
    public void Run_Version_PrintsSflowtoolVersionOnStderr(string flag)
    {
        var (code, stdout, stderr) = SflowtoolRun.Run(flag);

        Assert.Equal(0, code);
        Assert.Empty(stdout);
        Assert.Equal("6.11\n", stderr);
    }

    [Theory]
    [InlineData("-h")]
    [InlineData("-?")]
    [InlineData("--help")]
    [InlineData("--usage")]
    [InlineData("-<")]
    public void Run_Help_PrintsUsageAndExitsZero(string flag)
    {
        var (code, stdout, stderr) = SflowtoolRun.Run(flag);

        Assert.Equal(0, code);
        Assert.Empty(stdout);
        Assert.StartsWith("Copyright (c) InMon Corporation", stderr, StringComparison.Ordinal);
        Assert.Contains("   -L <fields>        -  output selected fields in line-by-line CSV format\n", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_UnknownOption_ReportsLikeGetoptAndPrintsUsage()
    {
        var (code, _, stderr) = SflowtoolRun.Run("-q");

        Assert.Equal(0, code);
        Assert.StartsWith("sluice sflowtool: invalid option -- 'q'\nCopyright", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_AmbiguousLongOption_ListsPossibilities()
    {
        var (_, _, stderr) = SflowtoolRun.Run("--js");

        Assert.StartsWith("sluice sflowtool: option '--js' is ambiguous; possibilities: '--json' '--json-indented'\n", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_MissingArgument_ReportsLikeGetopt()
    {
        var (_, _, stderr) = SflowtoolRun.Run("-r");

        Assert.StartsWith("sluice sflowtool: option requires an argument -- 'r'\n", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("-c", "127.0.0.1")]
    [InlineData("-d", "2055")]
    [InlineData("-N", "9")]
    [InlineData("-e")]
    [InlineData("-s")]
    [InlineData("-S")]
    [InlineData("--netflow-collector=::1")]
    [InlineData("-R", "10")]
    public void Run_NetflowOrAgentOption_RejectedWithExitTwo(params string[] args)
    {
        var (code, stdout, stderr) = SflowtoolRun.Run(args);

        Assert.Equal(2, code);
        Assert.Empty(stdout);
        Assert.Contains("is not supported by sluice sflowtool", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1.2.3.4", 221, "host/port - no '/' found\n")]
    [InlineData("1.2.3.4/0", 221, "invalid forwarding target port: 0\n")]
    [InlineData("1.2.3.4/65535", 221, "invalid forwarding target port: 65535\n")]
    [InlineData("foo/99", 221, "getaddrinfo(foo) failed: Name or service not known (expecting numeric address)\n")]
    public void Run_BadForwardingTarget_ExitsLikeSflowtool(string target, int exitCode, string message)
    {
        var (code, _, stderr) = SflowtoolRun.Run("-f", target);

        Assert.Equal(exitCode, code);
        Assert.Equal(message, stderr);
    }

    [Theory]
    [InlineData("5000", 236, "error parsing vlan filter (vlan = <5000> out of range)\n")]
    [InlineData("abc", 237, "error parsing vlan filter ranges (next char = <a>)\n")]
    public void Run_BadVlanList_ExitsLikeSflowtool(string list, int exitCode, string message)
    {
        var (code, _, stderr) = SflowtoolRun.Run("-V", list);

        Assert.Equal(exitCode, code);
        Assert.Equal(message, stderr);
    }

    [Fact]
    public void Run_ClusteredAndAttachedArguments_ParseLikeGetopt()
    {
        var file = Support.SharedTestData.SflowFile("akvorado-data-1140.pcap");
        var expected = SflowtoolRun.Run("-j", "-r", file).Stdout;

        Assert.Equal(expected, SflowtoolRun.Run("-jr", file).Stdout);
        Assert.Equal(expected, SflowtoolRun.Run("-r" + file, "-j").Stdout);
        Assert.Equal(expected, SflowtoolRun.Run("--read-pcap=" + file, "--json").Stdout);
        Assert.Equal(expected, SflowtoolRun.Run("ignored-operand", "--read-pcap", file, "-g", "-j").Stdout);
    }

    [Fact]
    public void Run_SeveralFormats_LastOneWins()
    {
        var file = Support.SharedTestData.SflowFile("akvorado-data-1140.pcap");

        Assert.Equal(SflowtoolRun.Run("-l", "-r", file).Stdout, SflowtoolRun.Run("-j", "-J", "-g", "-l", "-r", file).Stdout);
        Assert.Equal(SflowtoolRun.Run("-g", "-r", file).Stdout, SflowtoolRun.Run("-l", "-L", "agent", "-g", "-r", file).Stdout);
    }
}
