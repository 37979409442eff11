using System.Globalization;
using System.Net;

namespace Sluice.Sflowtool;

/// <summary>
/// Parses sflowtool 6.11's command line the way its <c>getopt_long</c> call does: clustered short flags
/// (<c>-jr file</c>), attached arguments (<c>-rfile</c>, <c>--port=6343</c>), unambiguous long-name prefixes,
/// operands skipped, <c>--</c> ending the options, and the legacy <c>+v</c>/<c>+4</c> spellings.
/// </summary>
internal static class SflowtoolCommandLine
{
    private const string ShortOptions = "ljJgtTM<HxesSD46Akh?zL:p:r:R:P:c:d:N:f:v:V:b:";

    // The long names are sflowtool's, including its swapped include/exclude VLAN names.
    private static readonly (string Name, char Short, bool HasArgument)[] LongOptions =
    [
        ("line", 'l', false), ("json", 'j', false), ("json-indented", 'J', false), ("grep", 'g', false),
        ("write-pcap", 't', false), ("write-pcap-discards", 'T', false), ("write-pcap-datagrams", 'M', false),
        ("common-logfile", 'H', false), ("redact-payload", 'x', false), ("netflow-peer-as", 'e', false),
        ("no-scaling", 's', false), ("netflow-spoof-source", 'S', false), ("allow-dns", 'D', false),
        ("listen-v4-only", '4', false), ("listen-v6-only", '6', false), ("listen-v4-v6", 'A', false),
        ("keep-going-on-error", 'k', false), ("help", 'h', false), ("usage", '?', false), ("version", 'z', false),
        ("fields", 'L', true), ("port", 'p', true), ("read-pcap", 'r', true), ("read-pcap-sampling", 'R', true),
        ("read-pcap-playback", 'P', true), ("netflow-collector", 'c', true), ("netflow-udp-dport", 'd', true),
        ("netflow-version", 'N', true), ("forwarding-target", 'f', true), ("include-vlans", 'v', true),
        ("exclude-vlans", 'V', true), ("listen-address", 'b', true),
    ];

    /// <summary>
    /// Parses <paramref name="args"/>. Returns the options, or null with <paramref name="exitCode"/> set when the
    /// program must stop now (help, version, a bad argument); messages have then been written to <paramref name="errors"/>.
    /// </summary>
    public static SflowtoolOptions? Parse(string[] args, TextWriter errors, out int exitCode)
    {
        exitCode = 0;
        var options = new SflowtoolOptions();
        var argv = new string[args.Length];
        for (var i = 0; i < args.Length; i++)
        {
            argv[i] = Legacy(args[i]);
        }

        for (var i = 0; i < argv.Length; i++)
        {
            var arg = argv[i];
            if (arg == "--")
            {
                break;
            }

            if (arg.Length < 2 || arg[0] != '-')
            {
                continue; // getopt permutes operands to the end; sflowtool ignores them
            }

            if (arg.StartsWith("--", StringComparison.Ordinal))
            {
                if (!TryLong(argv, ref i, errors, out var option, out var value))
                {
                    return Help(errors);
                }

                var stop = Apply(option, value, options, errors, out exitCode);
                if (stop)
                {
                    return null;
                }

                continue;
            }

            for (var j = 1; j < arg.Length; j++)
            {
                var c = arg[j];
                var at = c == ':' ? -1 : ShortOptions.IndexOf(c, StringComparison.Ordinal);
                if (at < 0)
                {
                    errors.Write($"{SflowtoolHelp.Command}: invalid option -- '{c}'\n");
                    return Help(errors);
                }

                string? value = null;
                if (at + 1 < ShortOptions.Length && ShortOptions[at + 1] == ':')
                {
                    if (j + 1 < arg.Length)
                    {
                        value = arg[(j + 1)..];
                    }
                    else if (i + 1 < argv.Length)
                    {
                        value = argv[++i];
                    }
                    else
                    {
                        errors.Write($"{SflowtoolHelp.Command}: option requires an argument -- '{c}'\n");
                        return Help(errors);
                    }

                    j = arg.Length;
                }

                if (Apply(c, value, options, errors, out exitCode))
                {
                    return null;
                }
            }
        }

        return options;
    }

    // "+v" becomes "-V" and "+4" becomes "-A", for backwards compatibility (only the first two characters change).
    private static string Legacy(string arg) =>
        arg.Length >= 2 && arg[0] == '+' && arg[1] is 'v' or '4'
            ? (arg[1] == 'v' ? "-V" : "-A") + arg[2..]
            : arg;

    private static bool TryLong(string[] argv, ref int i, TextWriter errors, out char option, out string? value)
    {
        var arg = argv[i];
        var eq = arg.IndexOf('=', StringComparison.Ordinal);
        var name = eq >= 0 ? arg[2..eq] : arg[2..];
        value = eq >= 0 ? arg[(eq + 1)..] : null;
        option = '\0';
        var found = -1;
        var ambiguous = new List<string>();
        for (var k = 0; k < LongOptions.Length; k++)
        {
            if (LongOptions[k].Name == name)
            {
                found = k;
                ambiguous.Clear();
                break;
            }

            if (LongOptions[k].Name.StartsWith(name, StringComparison.Ordinal))
            {
                if (found < 0)
                {
                    found = k;
                }

                ambiguous.Add(LongOptions[k].Name);
            }
        }

        if (found < 0)
        {
            errors.Write($"{SflowtoolHelp.Command}: unrecognized option '{arg}'\n");
            return false;
        }

        if (ambiguous.Count > 1)
        {
            errors.Write($"{SflowtoolHelp.Command}: option '{arg}' is ambiguous; possibilities:");
            foreach (var candidate in ambiguous)
            {
                errors.Write($" '--{candidate}'");
            }

            errors.Write('\n');
            return false;
        }

        var (fullName, shortName, hasArgument) = LongOptions[found];
        if (!hasArgument && value is not null)
        {
            errors.Write($"{SflowtoolHelp.Command}: option '--{fullName}' doesn't allow an argument\n");
            return false;
        }

        if (hasArgument && value is null)
        {
            if (i + 1 >= argv.Length)
            {
                errors.Write($"{SflowtoolHelp.Command}: option '--{fullName}' requires an argument\n");
                return false;
            }

            value = argv[++i];
        }

        option = shortName;
        return true;
    }

    private static SflowtoolOptions? Help(TextWriter errors)
    {
        SflowtoolHelp.Write(errors);
        return null;
    }

    /// <summary>Applies one option; true means stop with <paramref name="exitCode"/>.</summary>
    private static bool Apply(char option, string? value, SflowtoolOptions o, TextWriter errors, out int exitCode)
    {
        exitCode = 0;
        switch (option)
        {
            case 'p': o.Port = Atoi(value!); break;
            case 't': o.Format = SflowtoolFormat.Pcap; break;
            case 'T': o.Format = SflowtoolFormat.PcapDiscards; break;
            case 'M': o.Format = SflowtoolFormat.PcapDatagrams; break;
            case 'l': o.Format = SflowtoolFormat.Line; break;
            case 'H': o.Format = SflowtoolFormat.CommonLog; break;
            case 'g': o.Format = SflowtoolFormat.Grep; break;
            case 'j': o.Format = SflowtoolFormat.Json; break;
            case 'J':
                o.Format = SflowtoolFormat.Json;
                o.JsonIndented = true;
                break;
            case 'L':
                o.Format = SflowtoolFormat.Fields;
                o.Fields = value!.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries);
                break;
            case 'r': o.ReadPcap = value; break;
            case 'P':
                var factor = Atof(value!);
                o.Playback = factor <= 0 ? 0 : Math.Max(factor, 0.00001);
                break;
            case 'x': o.RedactPayload = true; break;
            case 'f':
                var target = ParseForwardingTarget(value!, o.AllowDns, errors);
                if (target is null)
                {
                    exitCode = 221; // sflowtool: exit(-35)
                    return true;
                }

                o.ForwardingTargets.Add(target);
                o.Format = SflowtoolFormat.Forward;
                break;
            case 'V':
            case 'v':
                var include = option == 'V';
                o.VlanFilter ??= new SflowtoolVlanFilter(allowByDefault: !include) { DefaultForUnlisted = !include };
                var error = o.VlanFilter.Apply(value!, include);
                if (error is not null)
                {
                    errors.Write(error + "\n");
                    exitCode = error.Contains("out of range", StringComparison.Ordinal) ? 236 : 237; // exit(-20) / exit(-19)
                    return true;
                }

                break;
            case '4':
                o.ListenControlled = true;
                o.Listen4 = true;
                o.Listen6 = false;
                break;
            case '6':
                o.ListenControlled = true;
                o.Listen4 = false;
                o.Listen6 = true;
                break;
            case 'A':
                o.ListenControlled = true;
                o.Listen4 = true;
                o.Listen6 = true;
                break;
            case 'b':
                o.ListenControlled = true;
                o.ListenAddress = value;
                break;
            case 'k': o.KeepGoing = true; break;
            case 'D': o.AllowDns = true; break;
            case 'z':
                // Scripts capture this line (often with 2>&1), so it is exactly sflowtool's; -h shows ours.
                errors.Write(SflowtoolHelp.SflowtoolVersion + "\n");
                return true;
            case 'c' or 'd' or 'N' or 'e' or 's' or 'S':
                errors.Write($"{SflowtoolHelp.Command}: -{option} (NetFlow export) is not supported by sluice sflowtool; use InMon's sflowtool, or a NetFlow exporter such as softflowd or pmacct\n");
                exitCode = 2;
                return true;
            case 'R':
                errors.Write($"{SflowtoolHelp.Command}: -R (acting as an sFlow agent on a raw capture) is not supported by sluice sflowtool; use InMon's sflowtool or hsflowd\n");
                exitCode = 2;
                return true;
            default:
                // -h, -? and sflowtool's stray '<' all print the usage and exit 0.
                SflowtoolHelp.Write(errors);
                return true;
        }

        return false;
    }

    /// <summary><c>host/port</c>: port 1..65534, numeric host unless <c>-D</c>.</summary>
    private static IPEndPoint? ParseForwardingTarget(string text, bool allowDns, TextWriter errors)
    {
        if (text.Length > 100)
        {
            return null;
        }

        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            errors.Write("host/port - no '/' found\n");
            return null;
        }

        var port = (uint)Atoi(text[(slash + 1)..]);
        if (port is 0 or >= 65535)
        {
            errors.Write($"invalid forwarding target port: {port}\n");
            return null;
        }

        var host = text[..slash];
        if (IPAddress.TryParse(host, out var address))
        {
            return new IPEndPoint(address, (int)port);
        }

        if (allowDns)
        {
            try
            {
                var addresses = Dns.GetHostAddresses(host);
                if (addresses.Length > 0)
                {
                    return new IPEndPoint(addresses[0], (int)port);
                }
            }
            catch (System.Net.Sockets.SocketException e)
            {
                errors.Write($"getaddrinfo({host}) failed: {e.Message} (expecting hostname or numeric address)\n");
                return null;
            }
        }

        errors.Write($"getaddrinfo({host}) failed: Name or service not known (expecting {(allowDns ? "hostname or numeric address" : "numeric address")})\n");
        return null;
    }

    /// <summary>C's <c>atoi</c>: leading blanks, optional sign, digits; anything else ends the number (no digits gives 0).</summary>
    internal static int Atoi(string s)
    {
        var p = 0;
        while (p < s.Length && char.IsWhiteSpace(s[p]))
        {
            p++;
        }

        var negative = false;
        if (p < s.Length && (s[p] == '+' || s[p] == '-'))
        {
            negative = s[p] == '-';
            p++;
        }

        long value = 0;
        while (p < s.Length && char.IsAsciiDigit(s[p]) && value < int.MaxValue)
        {
            value = value * 10 + (s[p++] - '0');
        }

        return (int)Math.Clamp(negative ? -value : value, int.MinValue, int.MaxValue);
    }

    /// <summary>C's <c>atof</c> for the playback factor: the longest leading decimal number, else 0.</summary>
    private static double Atof(string s)
    {
        var trimmed = s.TrimStart();
        for (var length = trimmed.Length; length > 0; length--)
        {
            if (double.TryParse(trimmed.AsSpan(0, length), NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                return value;
            }
        }

        return 0;
    }
}
