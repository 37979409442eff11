namespace Sluice.Engine.Flows;

/// <summary>Address groups for <c>group:</c> (sFlow-RT <c>setGroups</c>): each group set maps CIDRs to labels.</summary>
public interface IFlowGroups
{
    /// <summary>The label of the longest prefix in <paramref name="groupSet"/> containing <paramref name="address"/> (4 or 16 bytes).</summary>
    bool TryGetGroup(string groupSet, ReadOnlySpan<byte> address, out string label);
}
