namespace Sluice.Engine.Flows;

/// <summary>Named maps for <c>map:</c> (sFlow-RT <c>setMap</c>): key text to label.</summary>
public interface IFlowMaps
{
    bool TryGetValue(string mapName, ReadOnlySpan<char> key, out string value);
}
