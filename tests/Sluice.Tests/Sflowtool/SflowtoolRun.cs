using System.Text;
using System.Text.RegularExpressions;
using Sluice.Sflowtool;

namespace Sluice.Tests.Sflowtool;

/// <summary>Runs <see cref="SflowtoolProgram"/> in-process (UTC) and normalises sflowtool's reference outputs.</summary>
internal static partial class SflowtoolRun
{
    public static (int ExitCode, string Stdout, string Stderr) Run(params string[] args) => Run(Stream.Null, args);

    public static (int ExitCode, string Stdout, string Stderr) Run(Stream input, params string[] args)
    {
        using var output = new MemoryStream();
        var errors = new StringWriter();
        var code = SflowtoolProgram.Run(args, input, output, errors, CancellationToken.None, TimeZoneInfo.Utc);
        return (code, Encoding.UTF8.GetString(output.ToArray()), errors.ToString());
    }

    public static byte[] RunBinary(params string[] args)
    {
        using var output = new MemoryStream();
        SflowtoolProgram.Run(args, Stream.Null, output, new StringWriter(), CancellationToken.None, TimeZoneInfo.Utc);
        return output.ToArray();
    }

    /// <summary>
    /// sflowtool prints the IPv4 ID byte-swapped (sflowtool.md §3.1); we print the value on the wire. This swaps the
    /// reference's value so the two can be compared (text, <c>-g</c> and JSON forms).
    /// </summary>
    public static string SwapIpid(string reference)
    {
        var text = TextIpid().Replace(reference, m => m.Groups[1].Value + Swap(m.Groups[2].Value));
        return JsonIpid().Replace(text, m => m.Groups[1].Value + Swap(m.Groups[2].Value) + "\"");
    }

    /// <summary>The <c>"name":"value"</c> pairs of a JSON line, in order, whether or not the line is valid JSON.</summary>
    public static List<string> Pairs(string line)
    {
        var pairs = new List<string>();
        foreach (Match m in PairPattern().Matches(line))
        {
            pairs.Add(m.Value);
        }

        return pairs;
    }

    private static string Swap(string value)
    {
        var n = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
        return (((n & 0xFF) << 8) | (n >> 8)).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"(IPID )(\d+)$", RegexOptions.Multiline)]
    private static partial Regex TextIpid();

    [GeneratedRegex("(\"IPID\":\")(\\d+)\"")]
    private static partial Regex JsonIpid();

    [GeneratedRegex("\"([^\"]*)\":\"([^\"]*)\"")]
    private static partial Regex PairPattern();
}
