using System.Text;
using Sluice.Sflow.Datagrams;

namespace Sluice.Engine.Generator;

/// <summary>
/// Writes the counter records of the generated agents. Every counter is a rate times the time since boot, so two
/// polls differ by exactly the traffic in between, 64-bit octet counters never wrap and 32-bit packet counters wrap
/// as real ones do.
/// </summary>
internal static class CounterRecords
{
    private static readonly byte[] OsRelease = Encoding.ASCII.GetBytes("6.12.0-amd64");

    /// <summary>if_counters (0:1), ethernet_counters (0:2) and port_name (0:1005) of one interface.</summary>
    public static void WriteInterface(ref SflowDatagramWriter writer, uint ifIndex, ulong speed, double inBytesPerSecond,
        double outBytesPerSecond, double meanFrameBytes, double seconds, ReadOnlySpan<byte> name)
    {
        var inOctets = (ulong)(inBytesPerSecond * seconds);
        var outOctets = (ulong)(outBytesPerSecond * seconds);
        var inPackets = (ulong)(inOctets / meanFrameBytes);
        var outPackets = (ulong)(outOctets / meanFrameBytes);

        // sFlow v5, if_counters: ethernetCsmacd (6), full duplex (1), admin and oper up (3).
        writer.BeginRecord(CounterRecordTags.Generic);
        ref var body = ref writer.Body;
        body.WriteUInt32(ifIndex);
        body.WriteUInt32(6);
        body.WriteUInt64(speed);
        body.WriteUInt32(1);
        body.WriteUInt32(3);
        body.WriteUInt64(inOctets);
        body.WriteUInt32(unchecked((uint)(inPackets - (inPackets / 200) - (inPackets / 1000))));
        body.WriteUInt32(unchecked((uint)(inPackets / 200)));
        body.WriteUInt32(unchecked((uint)(inPackets / 1000)));
        body.WriteUInt32(unchecked((uint)(inPackets / 5_000_000)));
        body.WriteUInt32(unchecked((uint)(inPackets / 50_000_000)));
        body.WriteUInt32(0);
        body.WriteUInt64(outOctets);
        body.WriteUInt32(unchecked((uint)(outPackets - (outPackets / 200) - (outPackets / 1000))));
        body.WriteUInt32(unchecked((uint)(outPackets / 200)));
        body.WriteUInt32(unchecked((uint)(outPackets / 1000)));
        body.WriteUInt32(unchecked((uint)(outPackets / 2_000_000)));
        body.WriteUInt32(0);
        body.WriteUInt32(0);
        writer.EndRecord();

        // sFlow v5, ethernet_counters: a few FCS and symbol errors, the rest zero as on a healthy full-duplex port.
        writer.BeginRecord(CounterRecordTags.Ethernet);
        body.WriteUInt32(0);
        body.WriteUInt32(unchecked((uint)(inPackets / 50_000_000)));
        for (var i = 0; i < 10; i++)
        {
            body.WriteUInt32(0);
        }

        body.WriteUInt32(unchecked((uint)(inPackets / 100_000_000)));
        writer.EndRecord();

        // sFlow port name structure, port_name.
        writer.BeginRecord(CounterRecordTags.PortName);
        body.WriteOpaque(name);
        writer.EndRecord();
    }

    /// <summary>host_descr, host_cpu, host_memory, host_disk_io and host_net_io (Host sFlow, data source 2:1).</summary>
    public static void WriteHost(ref SflowDatagramWriter writer, ReadOnlySpan<byte> hostName, ReadOnlySpan<byte> uuid,
        double seconds, double inBytesPerSecond, double outBytesPerSecond, double meanFrameBytes)
    {
        WriteDescription(ref writer, hostName, uuid);
        ref var body = ref writer.Body;

        // A 16-core server, about 30 % busy, with a slow daily-looking swing in load.
        const int Cpus = 16;
        var swing = 1 + (0.3 * Math.Sin(seconds / 3600.0));
        var cpuMs = seconds * 1000 * Cpus;
        writer.BeginRecord(CounterRecordTags.HostCpu);
        body.WriteSingle((float)(4.8 * swing));
        body.WriteSingle((float)(4.5 * swing));
        body.WriteSingle((float)4.2);
        body.WriteUInt32((uint)(3 * swing));
        body.WriteUInt32(412);
        body.WriteUInt32(Cpus);
        body.WriteUInt32(2400);
        body.WriteUInt32((uint)seconds);
        body.WriteUInt32(unchecked((uint)(ulong)(cpuMs * 0.20)));
        body.WriteUInt32(unchecked((uint)(ulong)(cpuMs * 0.005)));
        body.WriteUInt32(unchecked((uint)(ulong)(cpuMs * 0.07)));
        body.WriteUInt32(unchecked((uint)(ulong)(cpuMs * 0.705)));
        body.WriteUInt32(unchecked((uint)(ulong)(cpuMs * 0.01)));
        body.WriteUInt32(unchecked((uint)(ulong)(cpuMs * 0.002)));
        body.WriteUInt32(unchecked((uint)(ulong)(cpuMs * 0.008)));
        body.WriteUInt32(unchecked((uint)(ulong)(seconds * 25_000)));
        body.WriteUInt32(unchecked((uint)(ulong)(seconds * 90_000)));
        body.WriteUInt32(0);
        body.WriteUInt32(0);
        body.WriteUInt32(0);
        writer.EndRecord();

        const ulong GiB = 1UL << 30;
        writer.BeginRecord(CounterRecordTags.HostMemory);
        body.WriteUInt64(64 * GiB);
        body.WriteUInt64((ulong)(GiB * (20 + (4 * Math.Sin(seconds / 600.0)))));
        body.WriteUInt64(2 * GiB);
        body.WriteUInt64(GiB);
        body.WriteUInt64(18 * GiB);
        body.WriteUInt64(8 * GiB);
        body.WriteUInt64(8 * GiB);
        body.WriteUInt32(unchecked((uint)(ulong)(seconds * 40)));
        body.WriteUInt32(unchecked((uint)(ulong)(seconds * 120)));
        body.WriteUInt32(0);
        body.WriteUInt32(0);
        writer.EndRecord();

        writer.BeginRecord(CounterRecordTags.HostDiskIo);
        body.WriteUInt64(2_000_000_000_000UL);
        body.WriteUInt64(780_000_000_000UL);
        body.WriteUInt32(6100); // hundredths of a percent
        body.WriteUInt32(unchecked((uint)(ulong)(seconds * 150)));
        body.WriteUInt64((ulong)(seconds * 6_000_000));
        body.WriteUInt32(unchecked((uint)(ulong)(seconds * 90)));
        body.WriteUInt32(unchecked((uint)(ulong)(seconds * 300)));
        body.WriteUInt64((ulong)(seconds * 9_000_000));
        body.WriteUInt32(unchecked((uint)(ulong)(seconds * 200)));
        writer.EndRecord();

        // The host's network I/O is its NIC's traffic, the same rates the flow samples are drawn from.
        WriteNetIo(ref writer, CounterRecordTags.HostNetIo, seconds, inBytesPerSecond, outBytesPerSecond, meanFrameBytes);
    }

    /// <summary>host_descr, host_parent, virt_cpu, virt_memory, virt_disk_io and virt_net_io (data source 3:N).</summary>
    public static void WriteContainer(ref SflowDatagramWriter writer, ReadOnlySpan<byte> name, ReadOnlySpan<byte> uuid,
        int index, double seconds, double hostInBytesPerSecond, double hostOutBytesPerSecond, double meanFrameBytes)
    {
        WriteDescription(ref writer, name, uuid);
        ref var body = ref writer.Body;

        writer.BeginRecord(CounterRecordTags.HostParent);
        body.WriteUInt32(2);
        body.WriteUInt32(1);
        writer.EndRecord();

        // Containers take decreasing shares of the host: the first is the busy one.
        var share = 0.5 / (index + 1);
        writer.BeginRecord(CounterRecordTags.VirtualCpu);
        body.WriteUInt32(1); // running
        body.WriteUInt32(unchecked((uint)(ulong)(seconds * 1000 * 16 * 0.3 * share)));
        body.WriteUInt32(2);
        writer.EndRecord();

        writer.BeginRecord(CounterRecordTags.VirtualMemory);
        body.WriteUInt64((ulong)((1UL << 30) * (1 + share)));
        body.WriteUInt64(4UL << 30);
        writer.EndRecord();

        writer.BeginRecord(CounterRecordTags.VirtualDiskIo);
        body.WriteUInt64(100_000_000_000UL);
        body.WriteUInt64(40_000_000_000UL);
        body.WriteUInt64(60_000_000_000UL);
        body.WriteUInt32(unchecked((uint)(ulong)(seconds * 150 * share)));
        body.WriteUInt64((ulong)(seconds * 6_000_000 * share));
        body.WriteUInt32(unchecked((uint)(ulong)(seconds * 300 * share)));
        body.WriteUInt64((ulong)(seconds * 9_000_000 * share));
        body.WriteUInt32(0);
        writer.EndRecord();

        WriteNetIo(ref writer, CounterRecordTags.VirtualNetIo, seconds, hostInBytesPerSecond * share,
            hostOutBytesPerSecond * share, meanFrameBytes);
    }

    private static void WriteDescription(ref SflowDatagramWriter writer, ReadOnlySpan<byte> name, ReadOnlySpan<byte> uuid)
    {
        // Host sFlow, host_descr: machine_type x86_64 (3), os_name linux (2).
        writer.BeginRecord(CounterRecordTags.HostDescription);
        ref var body = ref writer.Body;
        body.WriteOpaque(name);
        body.WriteFixed(uuid);
        body.WriteUInt32(3);
        body.WriteUInt32(2);
        body.WriteOpaque(OsRelease);
        writer.EndRecord();
    }

    private static void WriteNetIo(ref SflowDatagramWriter writer, SflowTag tag, double seconds, double inBytesPerSecond,
        double outBytesPerSecond, double meanFrameBytes)
    {
        var inOctets = (ulong)(inBytesPerSecond * seconds);
        var outOctets = (ulong)(outBytesPerSecond * seconds);
        writer.BeginRecord(tag);
        ref var body = ref writer.Body;
        body.WriteUInt64(inOctets);
        body.WriteUInt32(unchecked((uint)(ulong)(inOctets / meanFrameBytes)));
        body.WriteUInt32(0);
        body.WriteUInt32(unchecked((uint)(ulong)(inOctets / meanFrameBytes / 1e6)));
        body.WriteUInt64(outOctets);
        body.WriteUInt32(unchecked((uint)(ulong)(outOctets / meanFrameBytes)));
        body.WriteUInt32(0);
        body.WriteUInt32(0);
        writer.EndRecord();
    }
}
