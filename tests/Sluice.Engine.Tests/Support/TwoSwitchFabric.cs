namespace Sluice.Engine.Tests.Support;

/// <summary>
/// A generated two-switch network: s1 (agent 192.0.2.1) with hosts h1 on swp1 (ifIndex 1) and h2 on swp2 (2), s2
/// (192.0.2.2) with h3 on swp1 (1), and the link s1-s2 between the swp10 ports (ifIndex 10 on both). Both switches
/// sample in both directions at 1 in 100, ten samples per data source: flow A (h1 → h3, 1000-byte frames) is seen
/// entering at s1 swp1, leaving by s1 swp10, entering at s2 swp10 and leaving by s2 swp1, each 500,000 bytes/s with
/// t = 2 s; flow B (h1 → h2, 500 bytes) entering at s1 swp1 and leaving by s1 swp2, 250,000 bytes/s each.
/// </summary>
internal static class TwoSwitchFabric
{
    public const string S1 = "192.0.2.1";
    public const string S2 = "192.0.2.2";
    public const string H1Mac = "0000000000A1";
    public const string FlowA = "10.0.0.1,10.0.0.3";
    public const string FlowB = "10.0.0.1,10.0.0.2";

    /// <summary>Rate of flow A at each data source that sees it, and of flow B.</summary>
    public const double RateA = 10 * 1000 * 100 / 2.0;
    public const double RateB = 10 * 500 * 100 / 2.0;

    public const string Json = """
        {"nodes":{"s1":{"agent":"192.0.2.1","ports":{"swp1":{"ifindex":"1"},"swp2":{"ifindex":"2"},"swp10":{"ifindex":"10"}}},
                  "s2":{"agent":"192.0.2.2","ports":{"swp1":{"ifindex":"1"},"swp10":{"ifindex":"10"}}}},
         "links":{"s1-s2":{"node1":"s1","port1":"swp10","node2":"s2","port2":"swp10"}}}
        """;

    private static readonly TestFrame A = new(H1Mac, "0000000000A3", "10.0.0.1", "10.0.0.3", 1000);
    private static readonly TestFrame B = new(H1Mac, "0000000000A2", "10.0.0.1", "10.0.0.2", 500);

    /// <summary>The datagrams of both switches: one per data source and flow, ten samples each.</summary>
    public static IReadOnlyList<byte[]> Datagrams()
    {
        TestFrame[] Ten(TestFrame frame) => Enumerable.Repeat(frame, 10).ToArray();
        return
        [
            EngineDatagrams.Crossing(S1, 1, 100, dataSource: 1, input: 1, output: 10, Ten(A)),
            EngineDatagrams.Crossing(S1, 2, 100, dataSource: 1, input: 1, output: 2, Ten(B)),
            EngineDatagrams.Crossing(S1, 3, 100, dataSource: 10, input: 1, output: 10, Ten(A)),
            EngineDatagrams.Crossing(S1, 4, 100, dataSource: 2, input: 1, output: 2, Ten(B)),
            EngineDatagrams.Crossing(S2, 1, 100, dataSource: 10, input: 10, output: 1, Ten(A)),
            EngineDatagrams.Crossing(S2, 2, 100, dataSource: 1, input: 10, output: 1, Ten(A)),
        ];
    }
}
