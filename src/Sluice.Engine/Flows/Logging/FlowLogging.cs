using System.Collections.Concurrent;
using Sluice.Engine.Export.Ipfix;

namespace Sluice.Engine.Flows.Logging;

/// <summary>
/// Logged flows and IPFIX export for the engine's definitions: the shared <see cref="FlowLog"/>, and one
/// <see cref="IpfixExporter"/> per definition with <c>ipfixCollectors</c>. Each shard tracks a definition's flows in
/// its own <see cref="FlowLogCache"/>, made here.
/// </summary>
public sealed class FlowLogging : IAsyncDisposable
{
    /// <summary>The template ID of every exporter: each has its own observation domain, where IDs are scoped (RFC 7011 §3.4.1).</summary>
    private const ushort TemplateId = 256;

    private readonly ConcurrentDictionary<string, IpfixExporter> _exporters = new(StringComparer.Ordinal);
    private long _nextDomain;

    public FlowLogging(FlowLogOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        Log = new FlowLog(options.LogSize, options.SubscriberQueue);
        _nextDomain = options.FirstObservationDomain;
    }

    public FlowLogOptions Options { get; }

    /// <summary>Completed flows of the definitions with <c>log:true</c>.</summary>
    public FlowLog Log { get; }

    /// <summary>The running exporters by definition name.</summary>
    public IReadOnlyDictionary<string, IpfixExporter> Exporters => _exporters;

    /// <summary>Checks what IPFIX export needs of <paramref name="flow"/> before anything changes.</summary>
    /// <exception cref="FlowSyntaxException">A bad collector address, a key or value IPFIX cannot carry, or too many keys.</exception>
    internal static void Validate(CompiledFlow flow, int maxMessageBytes)
    {
        if (flow.Definition.IpfixCollectors is { Count: > 0 } collectors)
        {
            IpfixCollectors.Parse(collectors);
            if (!IpfixTemplate.Create(TemplateId, flow).Fits(maxMessageBytes))
            {
                throw new FlowSyntaxException("keys: too many for one IPFIX message", 0, flow.Definition.Keys ?? string.Empty);
            }
        }
    }

    /// <summary>
    /// Starts the exporter of <paramref name="name"/> when <paramref name="flow"/> has collectors, and stops any earlier
    /// one (it still sends what it has queued). Returns the new exporter or null. Callers serialize per name.
    /// </summary>
    internal IpfixExporter? StartExporter(string name, CompiledFlow flow)
    {
        if (flow.Definition.IpfixCollectors is not { Count: > 0 } collectors)
        {
            StopExporter(name);
            return null;
        }

        var domain = (uint)(Interlocked.Increment(ref _nextDomain) - 1);
        var exporter = new IpfixExporter(IpfixTemplate.Create(TemplateId, flow), IpfixCollectors.Parse(collectors), domain, Options);
        _exporters.TryGetValue(name, out var old);
        _exporters[name] = exporter;
        old?.Complete();
        return exporter;
    }

    /// <summary>Stops the exporter of <paramref name="name"/>, if it has one.</summary>
    internal void StopExporter(string name)
    {
        if (_exporters.TryRemove(name, out var old))
        {
            old.Complete();
        }
    }

    /// <summary>A shard's tracker for <paramref name="flow"/>, or null when it is neither logged nor exported.</summary>
    internal FlowLogCache? CreateCache(string name, CompiledFlow flow, IpfixExporter? exporter)
    {
        var log = flow.Definition.Log ? Log : null;
        return log is null && exporter is null ? null : new FlowLogCache(name, flow, log, exporter, Options);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var name in _exporters.Keys)
        {
            if (_exporters.TryRemove(name, out var exporter))
            {
                await exporter.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
