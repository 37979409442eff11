namespace Sluice.Sflowtool;

/// <summary>sflowtool's output formats; only the last format option on the command line counts.</summary>
internal enum SflowtoolFormat
{
    Text,
    Grep,
    Json,
    Line,
    Fields,
    CommonLog,
    Pcap,
    PcapDiscards,
    PcapDatagrams,
    Forward,
}
