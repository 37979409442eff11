using Sluice.Engine.Enrichment;
using Xunit;

namespace Sluice.Engine.Tests.Enrichment;

public sealed class OuiTableTests
{
    [Theory]
    [InlineData("00000C123456", "Cisco Systems, Inc")]
    [InlineData("080027000001", "PCS Systemtechnik GmbH")]
    [InlineData("001B21000001", "Intel Corporate")]
    [InlineData("70B3D5F2F001", "TELEPLATFORMS")] // MA-S (36-bit) inside the IEEE's 70:B3:D5 block
    public void TryGetName_KnownVendor_RegistryName(string mac, string expected)
    {
        Assert.True(EnrichmentData.Oui.TryGetName(Convert.FromHexString(mac), out var name));
        Assert.Equal(expected, name);
    }

    [Fact]
    public void TryGetName_BadLength_Unknown() => Assert.False(EnrichmentData.Oui.TryGetName([0, 0, 0x0C], out _));

    [Fact]
    public void Load_MissingPath_EmptyTableAndMessage()
    {
        var messages = new List<string>();
        var table = OuiTable.Load("/nonexistent/ieee-data", messages.Add);
        Assert.Equal(0, table.Count);
        Assert.False(table.TryGetName(Convert.FromHexString("00000C000001"), out _));
        Assert.Contains(messages, m => m.Contains("ieee-data", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_OuiTxt_HexLinesRead()
    {
        var file = Path.GetTempFileName() + ".txt";
        try
        {
            File.WriteAllText(file, "OUI/MA-L\n00-00-0C   (hex)\t\tCisco Systems, Inc\n00000C     (base 16)\t\tCisco Systems, Inc\n");
            var table = OuiTable.Load(file);
            Assert.True(table.TryGetName(Convert.FromHexString("00000C000001"), out var name));
            Assert.Equal("Cisco Systems, Inc", name);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
