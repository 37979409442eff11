using System.Net;

namespace Sluice.Sflowtool;

/// <summary>The settings sflowtool 6.11 takes from its command line (sflowtool.md §2), with its defaults.</summary>
internal sealed class SflowtoolOptions
{
    public SflowtoolFormat Format { get; set; } = SflowtoolFormat.Text;

    public bool JsonIndented { get; set; }

    public int Port { get; set; } = 6343;

    /// <summary>The <c>-r</c> argument: a file name, or <c>-</c> for standard input; null means listen on UDP.</summary>
    public string? ReadPcap { get; set; }

    /// <summary><c>-P</c>: 0 reads flat out once; otherwise real-time playback scaled by this factor, looping forever.</summary>
    public double Playback { get; set; }

    public bool RedactPayload { get; set; }

    /// <summary><c>-L</c> field names, in order.</summary>
    public IReadOnlyList<string> Fields { get; set; } = [];

    public List<IPEndPoint> ForwardingTargets { get; } = [];

    public SflowtoolVlanFilter? VlanFilter { get; set; }

    public bool Listen4 { get; set; }

    public bool Listen6 { get; set; } = true;

    /// <summary>True once <c>-4</c>, <c>-6</c>, <c>-A</c> or <c>-b</c> chose the sockets: no IPv4 fallback then.</summary>
    public bool ListenControlled { get; set; }

    public string? ListenAddress { get; set; }

    public bool KeepGoing { get; set; }

    public bool AllowDns { get; set; }

    /// <summary>The zone of <c>localtime</c>, <c>pcapTimestamp</c>, <c>-g</c> and <c>-H</c> times (sflowtool: the local zone).</summary>
    public TimeZoneInfo TimeZone { get; set; } = TimeZoneInfo.Local;
}
