namespace Sluice.Engine.Enrichment;

/// <summary>Vendor names of MAC address blocks (IEEE OUI registry), for the <c>oui:</c> key function.</summary>
public interface IOuiNames
{
    /// <summary>The vendor of the block holding <paramref name="mac"/> (6 bytes), if known.</summary>
    bool TryGetName(ReadOnlySpan<byte> mac, out string name);
}
