using Sluice.Engine.Ingest;
using Xunit;

namespace Sluice.Engine.Tests.Ingest;

public sealed class KernelDropsTests
{
    [Fact]
    public void Parse_ProcNetUdp_SumsDropsOfSocketsOnThePort()
    {
        string[] lines =
        [
            "   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops",
            "  123: 00000000:18C7 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 4242 2 0000000000000000 17",
            "  124: 0100007F:0035 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 4243 2 0000000000000000 5",
            "  125: 0100007F:18C7 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 4244 2 0000000000000000 3",
        ];

        Assert.Equal(20, KernelDrops.Parse(lines, 6343));
        Assert.Equal(5, KernelDrops.Parse(lines, 53));
        Assert.Equal(0, KernelDrops.Parse(lines, 9999));
    }
}
