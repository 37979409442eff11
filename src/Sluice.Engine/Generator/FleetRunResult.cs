namespace Sluice.Engine.Generator;

/// <summary>What a <see cref="FleetRunner"/> run sent.</summary>
/// <param name="Datagrams">Datagrams handed to the sink or the socket.</param>
/// <param name="Bytes">Their total size.</param>
/// <param name="Failed">Datagrams the sink dropped or the socket refused (counted, not retried).</param>
/// <param name="Elapsed">Wall-clock time of the run.</param>
public readonly record struct FleetRunResult(long Datagrams, long Bytes, long Failed, TimeSpan Elapsed)
{
    /// <summary>Datagrams per second achieved.</summary>
    public double Rate => Elapsed > TimeSpan.Zero ? Datagrams / Elapsed.TotalSeconds : 0;
}
