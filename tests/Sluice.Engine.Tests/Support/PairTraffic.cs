namespace Sluice.Engine.Tests.Support;

/// <summary>
/// Steady two-flow traffic for flow tests: a datagram every 100 ms, each with five samples of 10.0.0.1→10.0.0.2
/// (1000 bytes) and two of 10.0.0.3→10.0.0.4 (500 bytes). At 1 in 100 that is 5,000,000 and 1,000,000 bytes/s.
/// </summary>
internal static class PairTraffic
{
    public static readonly (string Source, string Destination, uint FrameLength)[] Packets =
    [
        ("10.0.0.1", "10.0.0.2", 1000), ("10.0.0.1", "10.0.0.2", 1000), ("10.0.0.1", "10.0.0.2", 1000),
        ("10.0.0.1", "10.0.0.2", 1000), ("10.0.0.1", "10.0.0.2", 1000), ("10.0.0.3", "10.0.0.4", 500),
        ("10.0.0.3", "10.0.0.4", 500),
    ];

    private static readonly Sflow.Xdr.SflowAddress Sender = EngineDatagrams.Address("127.0.0.1");

    /// <summary>Submits <paramref name="datagrams"/> datagrams stamped from <paramref name="startUnixMs"/> on; returns the last stamp.</summary>
    public static long Feed(SluiceEngine engine, string agent, uint ifIndex, uint datagrams, long startUnixMs, uint samplingRate = 100)
    {
        long last = 0;
        for (uint i = 0; i < datagrams; i++)
        {
            last = startUnixMs + (i * 100);
            if (!engine.Ingest.Submit(EngineDatagrams.Flows(agent, i + 1, samplingRate, ifIndex, Packets), Sender, last))
            {
                throw new InvalidOperationException("the shard queue is full");
            }
        }

        return last;
    }
}
