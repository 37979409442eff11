using System.Net;
using Sluice.Sflow.Datagrams;
using Sluice.Sflow.Xdr;

namespace Sluice.Engine.Tests.Support;

/// <summary>The counters of one generic interface record.</summary>
internal sealed record InterfaceCounters
{
    public uint IfIndex { get; init; } = 3;
    public ulong Speed { get; init; } = 1_000_000_000;
    public uint Status { get; init; } = 3;
    public ulong InOctets { get; init; }
    public uint InUcast { get; init; }
    public uint InMulticast { get; init; }
    public uint InBroadcast { get; init; }
    public uint InErrors { get; init; }
    public ulong OutOctets { get; init; }
    public uint OutUcast { get; init; }
    public uint OutMulticast { get; init; }
    public uint OutBroadcast { get; init; }
}

/// <summary>Builds counters datagrams with the codec's own writer.</summary>
internal static class CounterDatagrams
{
    public static readonly SflowAddress Agent = SflowAddress.FromIPAddress(IPAddress.Parse("192.0.2.1"));
    public static readonly SflowAddress OtherAgent = SflowAddress.FromIPAddress(IPAddress.Parse("192.0.2.2"));

    public delegate void RecordWriter(ref SflowDatagramWriter writer);

    /// <summary>One datagram with one counters sample of the given records.</summary>
    public static byte[] Sample(uint sourceClass, uint sourceIndex, params RecordWriter[] records) =>
        Sample(Agent, sourceClass, sourceIndex, records);

    public static byte[] Sample(SflowAddress agent, uint sourceClass, uint sourceIndex, params RecordWriter[] records)
    {
        var buffer = new byte[8192];
        var writer = new SflowDatagramWriter(buffer);
        writer.WriteHeader(agent, 0, 1, 1000);
        writer.BeginCountersSample(new SflowSample { SequenceNumber = 1, SourceIdClass = sourceClass, SourceIdIndex = sourceIndex });
        foreach (var record in records)
        {
            record(ref writer);
        }

        writer.EndSample();
        return writer.Finish().ToArray();
    }

    public static RecordWriter Interface(InterfaceCounters c) => (ref SflowDatagramWriter w) =>
    {
        w.BeginRecord(CounterRecordTags.Generic);
        w.Body.WriteUInt32(c.IfIndex);
        w.Body.WriteUInt32(6);
        w.Body.WriteUInt64(c.Speed);
        w.Body.WriteUInt32(1);
        w.Body.WriteUInt32(c.Status);
        w.Body.WriteUInt64(c.InOctets);
        w.Body.WriteUInt32(c.InUcast);
        w.Body.WriteUInt32(c.InMulticast);
        w.Body.WriteUInt32(c.InBroadcast);
        w.Body.WriteUInt32(0);
        w.Body.WriteUInt32(c.InErrors);
        w.Body.WriteUInt32(0);
        w.Body.WriteUInt64(c.OutOctets);
        w.Body.WriteUInt32(c.OutUcast);
        w.Body.WriteUInt32(c.OutMulticast);
        w.Body.WriteUInt32(c.OutBroadcast);
        w.Body.WriteUInt32(0);
        w.Body.WriteUInt32(0);
        w.Body.WriteUInt32(0);
        w.EndRecord();
    };

    public static RecordWriter PortName(string name) => (ref SflowDatagramWriter w) =>
    {
        w.BeginRecord(CounterRecordTags.PortName);
        w.Body.WriteOpaque(System.Text.Encoding.UTF8.GetBytes(name));
        w.EndRecord();
    };

    public static RecordWriter HostDescription(string hostName, uint osName = 2, uint machineType = 3, string release = "6.1.0") =>
        (ref SflowDatagramWriter w) =>
        {
            w.BeginRecord(CounterRecordTags.HostDescription);
            w.Body.WriteOpaque(System.Text.Encoding.UTF8.GetBytes(hostName));
            w.Body.WriteFixed([0x5f, 0x1e, 0x3d, 0x2c, 0, 0, 0x40, 0, 0x80, 0, 0, 0, 0, 0, 0, 0x81]);
            w.Body.WriteUInt32(machineType);
            w.Body.WriteUInt32(osName);
            w.Body.WriteOpaque(System.Text.Encoding.UTF8.GetBytes(release));
            w.EndRecord();
        };

    /// <summary>host_cpu with CPU times (ms) user, nice, system, idle, wio, intr, sintr, steal; loads one = five = fifteen = <paramref name="load"/>.</summary>
    public static RecordWriter HostCpu(float load, uint cpus, uint[] times, bool withSteal = true) => (ref SflowDatagramWriter w) =>
    {
        w.BeginRecord(CounterRecordTags.HostCpu);
        w.Body.WriteSingle(load);
        w.Body.WriteSingle(load);
        w.Body.WriteSingle(load);
        w.Body.WriteUInt32(2);
        w.Body.WriteUInt32(100);
        w.Body.WriteUInt32(cpus);
        w.Body.WriteUInt32(2600);
        w.Body.WriteUInt32(3600);
        for (var i = 0; i < 7; i++)
        {
            w.Body.WriteUInt32(times[i]);
        }

        w.Body.WriteUInt32(1000);
        w.Body.WriteUInt32(2000);
        if (withSteal)
        {
            w.Body.WriteUInt32(times[7]);
            w.Body.WriteUInt32(0);
            w.Body.WriteUInt32(0);
        }

        w.EndRecord();
    };

    public static RecordWriter HostMemory(ulong total, ulong free, ulong buffers, ulong cached) => (ref SflowDatagramWriter w) =>
    {
        w.BeginRecord(CounterRecordTags.HostMemory);
        w.Body.WriteUInt64(total);
        w.Body.WriteUInt64(free);
        w.Body.WriteUInt64(0);
        w.Body.WriteUInt64(buffers);
        w.Body.WriteUInt64(cached);
        w.Body.WriteUInt64(0);
        w.Body.WriteUInt64(0);
        for (var i = 0; i < 4; i++)
        {
            w.Body.WriteUInt32(0);
        }

        w.EndRecord();
    };

    public static RecordWriter HostDisk(ulong total, ulong free, uint maxUsedHundredths) => (ref SflowDatagramWriter w) =>
    {
        w.BeginRecord(CounterRecordTags.HostDiskIo);
        w.Body.WriteUInt64(total);
        w.Body.WriteUInt64(free);
        w.Body.WriteUInt32(maxUsedHundredths);
        w.Body.WriteUInt32(0);
        w.Body.WriteUInt64(0);
        w.Body.WriteUInt32(0);
        w.Body.WriteUInt32(0);
        w.Body.WriteUInt64(0);
        w.Body.WriteUInt32(0);
        w.EndRecord();
    };

    public static RecordWriter Unknown() => (ref SflowDatagramWriter w) =>
    {
        w.BeginRecord(new SflowTag(9999, 1));
        w.Body.WriteUInt32(1);
        w.EndRecord();
    };
}
