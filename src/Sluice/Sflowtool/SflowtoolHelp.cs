using System.Reflection;

namespace Sluice.Sflowtool;

/// <summary>The usage text: sflowtool 6.11's, with the options sluice does not implement marked as such.</summary>
internal static class SflowtoolHelp
{
    public const string Command = "sluice sflowtool";

    /// <summary>The sflowtool release whose behaviour this command reproduces; <c>-z</c> prints it.</summary>
    public const string SflowtoolVersion = "6.11";

    public static string SluiceVersion =>
        typeof(SflowtoolHelp).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0";

    public static void Write(TextWriter errors)
    {
        errors.Write($$"""
            Copyright (c) InMon Corporation 2000-2019 ALL RIGHTS RESERVED
            This software provided with NO WARRANTY WHATSOEVER

            Usage: {{Command}} [-p port]

            {{Command}} version: {{SflowtoolVersion}} (sluice {{SluiceVersion}})

            usage:
               -h | -?            -  this help message

            general:
               -k                 -  keep going on non-signal errors rather than aborting
               -D                 -  allow hosts to be referenced by DNS name

            forwarding:
               -f host/port       -  forward sflow to IP (or hostname if -D added)
                                  -   ...repeat for multiple collectors

            text output:
               -l                 -  output in line-by-line CSV format
               -L <fields>        -  output selected fields in line-by-line CSV format
                                  -    e.g. -L srcIP,dstIP
               -g                 -  output in 'grep-friendly' format
               -j                 -  output in JSON format (compact)
               -J                 -  output in JSON format (pretty-print)
               -H                 -  output HTTP common log file format

            tcpdump output:
               -t                 -  output packet samples in binary tcpdump(1) format
               -T                 -  output discard samples in binary tcpdump(1) format
               -M                 -  output whole datagrams in binary tcpdump(1) format

            tcpdump input:
               -r file            -  read binary tcpdump(1) format
               -R N               -  (not supported by sluice) encode 1:N sFlow from raw tcpdump(1) file
               -P playback        -  0.1=slow, 1=normal, 100=max
               -x                 -  remove all IPV4 content

            NetFlow output (not supported by sluice: use InMon's sflowtool):
               -c host            -  netflow collector IP (or hostname if -D added)
               -d port            -  netflow collector UDP port
               -e                 -  netflow collector peer_as (default = origin_as)
               -s                 -  disable scaling of netflow output by sampling rate
               -S                 -  spoof source of netflow packets to input agent IP
               -N version         -  netflow version, 5 or 9 (default 5)

            Filters:
               -V <vlans>         -  include vlans (e.g. -V 0-20,4091)
               -v <vlans>         -  exclude vlans
               -4                 -  listen on IPv4 socket only
               -6                 -  listen on IPv6 socket only
               -A                 -  listen on both IPv4 and IPv6 sockets
               -b <address>       -  listen on selected address only
                                     (must match address family selected by -4 / -6)

            """.Replace("\r\n", "\n", StringComparison.Ordinal));
    }
}
