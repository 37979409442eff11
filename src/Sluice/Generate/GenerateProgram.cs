using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Sluice.Engine.Generator;
using Sluice.Sflow.Pcap;

namespace Sluice.Generate;

/// <summary>Runs <c>sluice generate</c>: sends a synthetic fleet's datagrams over UDP, or writes them to a pcap.</summary>
internal static class GenerateProgram
{
    public static async Task<int> RunAsync(GenerateSettings settings, bool allowRemote, TextWriter errors, CancellationToken cancellation)
    {
        if (!GenerateTarget.IsAllowed(settings.Target, allowRemote) && settings.PcapPath is null)
        {
            await errors.WriteLineAsync(
                $"sluice generate: refusing to send to {settings.Target}: not a loopback address. The generator can flood a " +
                "network; pass --allow-remote if you really mean to send there.").ConfigureAwait(false);
            return 2;
        }

        AgentFleet fleet;
        try
        {
            fleet = new AgentFleet(settings.Fleet);
        }
        catch (ArgumentException e)
        {
            await errors.WriteLineAsync($"sluice generate: {e.Message}").ConfigureAwait(false);
            return 2;
        }

        if (settings.PcapPath is not null)
        {
            var (datagrams, bytes) = WritePcap(fleet, settings);
            await errors.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"sluice generate: wrote {datagrams} datagrams, {bytes} bytes, {fleet.LastDatagramMs / 1000:F3} s of fleet time to {settings.PcapPath}"))
                .ConfigureAwait(false);
            return 0;
        }

        using var socket = new Socket(settings.Target.AddressFamily, SocketType.Dgram, ProtocolType.Udp);

        // A large send buffer absorbs the per-millisecond bursts.
        socket.SendBufferSize = 8 * 1024 * 1024;
        var result = await FleetRunner.RunAsync(fleet, socket, settings.Target, settings.Rate, settings.Duration, cancellation)
            .ConfigureAwait(false);
        var failed = result.Failed > 0 ? string.Create(CultureInfo.InvariantCulture, $", {result.Failed} send errors") : string.Empty;
        await errors.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"sluice generate: {result.Datagrams} datagrams, {result.Bytes} bytes to {settings.Target} in {result.Elapsed.TotalSeconds:F1} s: {result.Rate:F0} datagrams/s ({fleet.AgentCount} agents, natural rate {fleet.NaturalDatagramsPerSecond:F0}/s){failed}"))
            .ConfigureAwait(false);
        return 0;
    }

    private static (long Datagrams, long Bytes) WritePcap(AgentFleet fleet, GenerateSettings settings)
    {
        using var stream = new FileStream(settings.PcapPath!, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 20);
        using var writer = new PcapWriter(stream);
        var payload = new byte[fleet.MaxDatagramSize];
        var frame = new byte[fleet.MaxDatagramSize + 64];
        var destination = settings.Target.Address.AddressFamily == AddressFamily.InterNetwork
            ? IpAddressBytes.FromIPAddress(settings.Target.Address)
            : IpAddressBytes.FromIPAddress(IPAddress.Loopback);
        var startNs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1_000_000;
        long bytes = 0;
        Span<byte> agentBytes = stackalloc byte[16];
        for (long i = 0; i < settings.Count; i++)
        {
            var length = fleet.Fill(payload, long.MaxValue, out var agent);
            var agentLength = agent.CopyTo(agentBytes);
            var source = agentLength == 4 ? IpAddressBytes.FromIPv4(agentBytes) : IpAddressBytes.FromIPv6(agentBytes);

            // The agents appear as the senders, as in a capture taken at the collector.
            var frameLength = UdpFrameBuilder.Write(frame, source, GenerateTarget.DefaultPort, destination, settings.Target.Port,
                payload.AsSpan(0, length));
            writer.WriteRecord(startNs + (long)(fleet.LastDatagramMs * 1_000_000), frame.AsSpan(0, frameLength));
            bytes += length;
        }

        return (settings.Count, bytes);
    }
}
