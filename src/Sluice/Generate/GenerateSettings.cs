using System.Net;
using Sluice.Engine.Generator;

namespace Sluice.Generate;

/// <summary>What <c>sluice generate</c> was asked to do.</summary>
internal sealed record GenerateSettings
{
    public required IPEndPoint Target { get; init; }

    public required FleetOptions Fleet { get; init; }

    /// <summary>Datagrams per second; 0 = the fleet's natural rate.</summary>
    public double Rate { get; init; }

    /// <summary>How long to send; zero = until cancelled.</summary>
    public TimeSpan Duration { get; init; }

    /// <summary>Write this pcap instead of sending.</summary>
    public string? PcapPath { get; init; }

    /// <summary>Datagrams to write to the pcap.</summary>
    public long Count { get; init; } = 10_000;
}
