namespace Sluice.Engine.Tests.Support;

/// <summary>An Ethernet/IPv4/UDP frame for <see cref="EngineDatagrams.Crossing"/>; MACs are 12 hex digits.</summary>
internal sealed record TestFrame(string SourceMac, string DestinationMac, string Source, string Destination, uint FrameLength);
