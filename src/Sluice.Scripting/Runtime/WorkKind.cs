namespace Sluice.Scripting.Runtime;

/// <summary>What a queued callback is, for the received/lost counters of <c>/scripts/json</c>.</summary>
internal enum WorkKind
{
    Other,
    Flow,
    Event,
    Request,
}
