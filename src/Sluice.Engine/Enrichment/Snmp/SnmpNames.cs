using System.Collections.Concurrent;
using System.Net;
using System.Threading.Channels;
using Sluice.Engine.Agents;
using Sluice.Engine.Metrics;

namespace Sluice.Engine.Enrichment.Snmp;

/// <summary>
/// sFlow-RT's <c>snmp.ifname=yes</c>: learns each agent's sysName and the ifName of every ifIndex it reports counters
/// for, by SNMP GET (v2c or v3) to the agent's address. Entirely off the ingest path: a background scan reads the agent table
/// (as the query side does), queues agents with names missing or due into a bounded channel, and a few lookup tasks
/// ask them. Unreachable agents time out, back off (doubling up to the refresh interval) and hold up only one lookup
/// slot; the name table is bounded in agents and ifIndexes.
/// </summary>
public sealed class SnmpNames : IAsyncDisposable
{
    private static readonly SnmpOid SysName = SnmpOid.Parse("1.3.6.1.2.1.1.5.0");
    private static readonly SnmpOid IfNameColumn = SnmpOid.Parse("1.3.6.1.2.1.31.1.1.1.1");

    private readonly SnmpOptions _options;
    private readonly Func<IEnumerable<AgentState>> _agents;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, SnmpAgentNames> _names = new(StringComparer.Ordinal);
    private readonly Channel<AgentState> _queue;
    private readonly CancellationTokenSource _stop = new();
    private readonly SnmpClient _client;
    private Task[] _tasks = [];
    private long _timeouts;
    private long _replies;

    public SnmpNames(SnmpOptions options, Func<IEnumerable<AgentState>> agents, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(agents);
        _options = options;
        _agents = agents;
        _time = time ?? TimeProvider.System;
        _queue = Channel.CreateBounded<AgentState>(new BoundedChannelOptions(Math.Max(1, options.QueueLength)) { FullMode = BoundedChannelFullMode.Wait });
        _client = options.User is { } user
            ? new SnmpClient(user, options.Timeout, options.Retries)
            : new SnmpClient(options.Community, options.Timeout, options.Retries);
    }

    /// <summary>Lookups that failed: no answer after retries, or an SNMPv3 refusal (a Report such as unknown user).</summary>
    public long Timeouts => Interlocked.Read(ref _timeouts);

    /// <summary>Agents that answered.</summary>
    public long Replies => Interlocked.Read(ref _replies);

    public void Start()
    {
        var lookups = Enumerable.Range(0, Math.Max(1, _options.Concurrency)).Select(_ => Task.Run(LookupLoopAsync));
        _tasks = [Task.Run(ScanLoopAsync), .. lookups];
    }

    /// <summary>The agent's sysName, once it answered; null otherwise.</summary>
    public string? HostName(string agent) => _names.TryGetValue(agent, out var names) ? names.SysName : null;

    /// <summary>The ifName the agent gave for <paramref name="ifIndex"/>; null when unknown.</summary>
    public string? IfName(string agent, uint ifIndex) =>
        _names.TryGetValue(agent, out var names) && names.IfNames.TryGetValue(ifIndex, out var name) ? name : null;

    /// <summary>
    /// One pass over the agents: queues those never asked, due again, or with ifIndexes not yet asked about.
    /// Returns how many it queued.
    /// </summary>
    public int Scan()
    {
        var queued = 0;
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        foreach (var agent in _agents())
        {
            if (!IPAddress.TryParse(agent.Name, out _))
            {
                continue;
            }

            var names = _names.GetOrAdd(agent.Name, _ => new SnmpAgentNames());
            Publish(agent, names);
            var due = now >= names.NextDueUnixMs || (names.Failures == 0 && HasNewInterface(agent, names));
            if (due && names.TryClaim())
            {
                if (_queue.Writer.TryWrite(agent))
                {
                    queued++;
                }
                else
                {
                    names.Release();
                }
            }
        }

        Evict();
        return queued;
    }

    /// <summary>
    /// Hands the names to the agent's data sources, so <c>/metric</c>, <c>/dump</c>, <c>/table</c> and filters see them as
    /// <c>host_name</c> and <c>ifname</c> (counters that carry their own win). Runs each scan, so data sources that
    /// appear after the lookup get them too; a snapshot is replaced only when it changed.
    /// </summary>
    private static void Publish(AgentState agent, SnmpAgentNames names)
    {
        var sysName = names.SysName;
        var ifNames = names.IfNames;
        foreach (var source in agent.DataSources)
        {
            if (source.Metrics is not { } metrics || source.SourceClass is not (0 or 2))
            {
                continue;
            }

            var ifName = source.SourceClass == 0 ? ifNames.GetValueOrDefault(source.SourceIndex) : null;
            var current = metrics.LookedUp;
            if (current?.HostName != sysName || current?.IfName != ifName)
            {
                metrics.LookedUp = sysName is null && ifName is null ? null : new LookedUpNames(sysName, ifName);
            }
        }
    }

    private bool HasNewInterface(AgentState agent, SnmpAgentNames names)
    {
        var known = names.IfNames;
        if (known.Count >= _options.MaxInterfacesPerAgent)
        {
            return false;
        }

        foreach (var source in agent.DataSources)
        {
            if (source.SourceClass == 0 && !known.ContainsKey(source.SourceIndex))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Keeps the table within <see cref="SnmpOptions.MaxAgents"/>, dropping the least recently asked.</summary>
    private void Evict()
    {
        var excess = _names.Count - _options.MaxAgents;
        if (excess <= 0)
        {
            return;
        }

        foreach (var (agent, _) in _names.OrderBy(p => p.Value.LastAskedUnixMs).Take(excess).ToList())
        {
            _names.TryRemove(agent, out _);
        }
    }

    private async Task ScanLoopAsync()
    {
        using var timer = new PeriodicTimer(_options.ScanInterval, _time);
        try
        {
            do
            {
                _ = Scan();
            }
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false));
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task LookupLoopAsync()
    {
        try
        {
            await foreach (var agent in _queue.Reader.ReadAllAsync(_stop.Token).ConfigureAwait(false))
            {
                if (_names.TryGetValue(agent.Name, out var names))
                {
                    var answered = false;
                    try
                    {
                        answered = await LookupAsync(agent, names).ConfigureAwait(false);
                    }
                    finally
                    {
                        // Released before counting, so whoever sees the count can queue the agent again.
                        names.Release();
                    }

                    Interlocked.Increment(ref answered ? ref _replies : ref _timeouts);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Asks one agent for its sysName and the ifNames of its interfaces, a few bindings per GET; false when it did not answer.</summary>
    private async Task<bool> LookupAsync(AgentState agent, SnmpAgentNames names)
    {
        var endpoint = new IPEndPoint(IPAddress.Parse(agent.Name), _options.Port);
        var ifIndexes = agent.DataSources.Where(s => s.SourceClass == 0).Select(s => s.SourceIndex).Distinct().Order()
            .Take(_options.MaxInterfacesPerAgent).ToList();
        var oids = new List<SnmpOid> { SysName };
        oids.AddRange(ifIndexes.Select(IfNameColumn.Append));
        var sysName = names.SysName;
        var ifNames = new Dictionary<uint, string?>();
        names.LastAskedUnixMs = _time.GetUtcNow().ToUnixTimeMilliseconds();
        try
        {
            foreach (var chunk in oids.Chunk(Math.Max(1, _options.BindingsPerRequest)))
            {
                var reply = await _client.GetAsync(endpoint, chunk, _stop.Token).ConfigureAwait(false);
                foreach (var bind in reply.VarBinds)
                {
                    var text = reply.ErrorStatus == 0 && bind.Value.Text is { Length: > 0 } value ? value : null;
                    if (bind.Oid.Equals(SysName))
                    {
                        sysName = text;
                    }
                    else if (bind.Oid.StartsWith(IfNameColumn) && bind.Oid.Arcs.Count == IfNameColumn.Arcs.Count + 1)
                    {
                        ifNames[bind.Oid.Arcs[^1]] = text;
                    }
                }
            }

            names.SysName = sysName;
            names.IfNames = ifNames;
            names.Failures = 0;
            names.NextDueUnixMs = _time.GetUtcNow().ToUnixTimeMilliseconds() + (long)_options.Refresh.TotalMilliseconds;
            Publish(agent, names);
            return true;
        }
        catch (Exception error) when (error is TimeoutException or SnmpReportException or System.Net.Sockets.SocketException)
        {
            // Back off, doubling per failure up to the refresh interval, so a dead agent costs little.
            names.Failures++;
            var backoff = Math.Min(_options.Backoff.TotalMilliseconds * Math.Pow(2, Math.Min(names.Failures - 1, 20)), _options.Refresh.TotalMilliseconds);
            names.NextDueUnixMs = _time.GetUtcNow().ToUnixTimeMilliseconds() + (long)backoff;
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _queue.Writer.TryComplete();
        try
        {
            await Task.WhenAll(_tasks).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        _client.Dispose();
        _stop.Dispose();
    }
}
