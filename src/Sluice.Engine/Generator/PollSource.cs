namespace Sluice.Engine.Generator;

/// <summary>What a counter poll reports: an interface (0:ifIndex), the host (2:1) or a container (3:N).</summary>
internal enum PollSource : byte
{
    Interface,
    Host,
    Container,
}
