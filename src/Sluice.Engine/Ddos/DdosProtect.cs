using System.Globalization;
using Sluice.Engine.Bgp;
using Sluice.Engine.Bgp.FlowSpec;
using Sluice.Engine.Flows;
using Sluice.Engine.Thresholds;

namespace Sluice.Engine.Ddos;

/// <summary>
/// Built-in DDoS protection in the manner of sFlow-RT's ddos-protect app (sflow-rt-api.md §8.4): attack signatures as
/// flows keyed by destination address, destination group and a protocol key; a <c>byFlow</c> threshold on each; on an
/// event, a control for that destination (a FlowSpec rule, or an RTBH route for <c>drop</c>) pushed to every router;
/// released once its timeout has passed and the attack has stopped. Only destinations in protected groups (the groups
/// not excluded) are watched, and only traffic from the external group.
/// </summary>
public sealed class DdosProtect : IDisposable
{
    public const string GroupSetName = "ddos_protect";

    private readonly SluiceEngine _engine;
    private readonly BgpService _bgp;
    private readonly FlowGroups _groups;
    private readonly TimeProvider _time;
    private readonly Action<string> _log;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Entry> _controls = new(StringComparer.Ordinal);
    private readonly LinkedList<DdosControl> _history = new();
    private readonly Dictionary<string, bool> _routerUp = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DdosSignature> _signatures;
    private IDisposable? _subscription;
    private ITimer? _timer;
    private int _nextId;

    public DdosProtect(SluiceEngine engine, BgpService bgp, FlowGroups groups, DdosProtectOptions options, Action<string>? log = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(bgp);
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentNullException.ThrowIfNull(options);
        _engine = engine;
        _bgp = bgp;
        _groups = groups;
        Options = options;
        _log = log ?? (_ => { });
        _time = time ?? TimeProvider.System;
        _signatures = DdosSignature.All.ToDictionary(s => s.Name, StringComparer.Ordinal);
    }

    public DdosProtectOptions Options { get; }

    /// <summary>
    /// Adds the routers as BGP neighbors, the address groups, the flows and thresholds, and starts reacting to events.
    /// </summary>
    /// <exception cref="FormatException">A group, router address or setting does not parse.</exception>
    public void Start()
    {
        foreach (var router in Options.Routers)
        {
            var address = System.Net.IPAddress.TryParse(router, out var parsed) ? parsed : throw new FormatException($"ddos_protect.router: '{router}' is not an address");
            var added = _bgp.AddNeighbor(
                new BgpNeighborOptions
                {
                    Address = address,
                    LocalAs = Options.As,
                    RouterId = System.Net.IPAddress.TryParse(Options.RouterId, out var id) ? id : null,
                    IPv6Unicast = Options.EnableIPv6,
                    FlowSpec = Options.EnableFlowSpec,
                    FlowSpec6 = Options.EnableFlowSpec6,
                },
                name => RouterChanged(name, up: true),
                name => RouterChanged(name, up: false));
            if (!added)
            {
                _log($"DDoS protect: router {router} could not be added as a BGP neighbor");
            }
        }

        _groups.SetGroups(GroupSetName, Options.Groups);
        foreach (var signature in DdosSignature.All)
        {
            var settings = Settings(signature.Attack);
            _engine.Flows.Set(signature.Name, Flow(signature, settings));
            _engine.Thresholds.Set(signature.Name, new ThresholdDefinition
            {
                Metric = signature.Name,
                Value = settings.Threshold,
                ByFlow = true,
                Timeout = Options.ThresholdSeconds,
            });
        }

        _subscription = _engine.Events.Subscribe(OnEvent, _signatures.Keys);
        _timer = _time.CreateTimer(_ => Tick(), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        _log($"DDoS protect: {(Options.Automatic ? "automatic" : "manual")} mode, routers {string.Join(',', Options.Routers)}, " +
            $"acting on {string.Join(',', Options.Attacks.Where(a => a.Value.Action != "ignore").Select(a => $"{a.Key}:{a.Value.Action}"))}");
    }

    /// <summary>The active controls, oldest first.</summary>
    public IReadOnlyList<DdosControl> Controls()
    {
        lock (_lock)
        {
            return [.. _controls.Values.OrderBy(e => e.Number).Select(Snapshot)];
        }
    }

    /// <summary>Released (and ignored) controls, newest first.</summary>
    public IReadOnlyList<DdosControl> History()
    {
        lock (_lock)
        {
            return [.. _history];
        }
    }

    /// <summary>Routers whose session is established.</summary>
    public int ConnectedRouters
    {
        get
        {
            lock (_lock)
            {
                return _routerUp.Count(r => r.Value);
            }
        }
    }

    /// <summary>Manual mode: installs a pending control (ddos-protect's <c>block</c>); false when there is no such control.</summary>
    public bool Confirm(string id)
    {
        lock (_lock)
        {
            if (Find(id) is not { } entry)
            {
                return false;
            }

            if (entry.Announced is null)
            {
                Install(entry);
            }

            return true;
        }
    }

    /// <summary>Drops a control, withdrawing it when installed (ddos-protect's <c>allow</c>); false when there is no such control.</summary>
    public bool Ignore(string id)
    {
        lock (_lock)
        {
            if (Find(id) is not { } entry)
            {
                return false;
            }

            Release(entry, "ignored");
            return true;
        }
    }

    /// <summary>Checks every control's timeout now (the timer does this each second).</summary>
    public void Tick()
    {
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        lock (_lock)
        {
            foreach (var entry in _controls.Values.ToList())
            {
                var timeout = (long)(Settings(entry.Signature.Attack).TimeoutMinutes * 60_000);
                var evt = entry.Event;
                if (now - evt.Timestamp > timeout
                    && !_engine.Thresholds.IsTriggered(evt.ThresholdId, evt.Agent, $"{evt.DataSource}.{evt.Metric}", evt.FlowKey))
                {
                    Release(entry, "released");
                }
            }
        }
    }

    /// <summary>Stops reacting and withdraws every installed control.</summary>
    public void Dispose()
    {
        _subscription?.Dispose();
        _timer?.Dispose();
        lock (_lock)
        {
            foreach (var entry in _controls.Values.ToList())
            {
                Release(entry, "released");
            }
        }
    }

    private FlowDefinition Flow(DdosSignature signature, DdosAttackSettings settings)
    {
        var ip = signature.IPv6 ? "ip6" : "ip";
        var filter = $"first:stack:.:ip:ip6={ip}&group:{ip}source:{GroupSetName}={Options.ExternalGroup}&group:{ip}destination:{GroupSetName}!={Options.ExcludedGroups}";
        filter = signature.Filter + filter;
        if (!string.IsNullOrWhiteSpace(settings.Include))
        {
            filter = $"{signature.ProtocolKey}={settings.Include}&{filter}";
        }

        if (!string.IsNullOrWhiteSpace(settings.Exclude))
        {
            filter = $"{signature.ProtocolKey}!={settings.Exclude}&{filter}";
        }

        return new FlowDefinition
        {
            Keys = $"{ip}destination,group:{ip}destination:{GroupSetName},{signature.ProtocolKey}",
            Value = "frames",
            Values = $"count:{ip}source,avg:{ip}bytes",
            Filter = filter,
            T = Options.FlowSeconds,
        };
    }

    private void OnEvent(ThresholdEvent evt)
    {
        if (!_signatures.TryGetValue(evt.ThresholdId, out var signature) || evt.FlowKey is not { } flowKey)
        {
            return;
        }

        var settings = Settings(signature.Attack);
        var parts = flowKey.Split(',');
        if (settings.Action == "ignore" || parts.Length != 3)
        {
            return;
        }

        var attackers = evt.Values is { Count: > 0 } values ? values[0] : 0;
        var packetSize = evt.Values is { Count: > 1 } sizes ? sizes[1] : 0;
        if (Options.SourceCountFilter && attackers > 0 && attackers < Options.SourceCountMinimum)
        {
            _log($"DDoS protect: {attackers:F0} sources are too few for {evt.ThresholdId} {flowKey}");
            return;
        }

        lock (_lock)
        {
            var key = evt.ThresholdId + "-" + flowKey;
            if (_controls.ContainsKey(key))
            {
                return;
            }

            var entry = new Entry
            {
                Number = _nextId++,
                Key = key,
                Signature = signature,
                Event = evt,
                Target = parts[0],
                Group = parts[1],
                Protocol = parts[2],
                Action = settings.Action,
                Attackers = attackers,
                PacketSize = packetSize,
            };
            try
            {
                BuildControl(entry);
            }
            catch (FormatException e)
            {
                _log($"DDoS protect: cannot build a {settings.Action} control for {flowKey}: {e.Message}");
                return;
            }

            _controls[key] = entry;
            _log($"DDoS {entry.Action} {signature.Attack} {entry.Target} {entry.Group} {entry.Protocol}");
            if (Options.Automatic)
            {
                Install(entry);
            }
        }
    }

    /// <summary>Sets the rule (or, for <c>drop</c>, the RTBH route) of a control, from its action and the attack.</summary>
    private void BuildControl(Entry entry)
    {
        var ipv6 = entry.Signature.IPv6;
        if (entry.Action == "drop")
        {
            entry.Route = BgpRoute.Parse(entry.Target, new Dictionary<string, string>
            {
                ["nexthop"] = ipv6 ? Options.NextHop6 : Options.NextHop,
                ["communities"] = Options.Community,
                ["localpref"] = Options.LocalPref.ToString(CultureInfo.InvariantCulture),
            });
            return;
        }

        var match = new Dictionary<string, string>(entry.Signature.Match(entry.Protocol), StringComparer.Ordinal)
        {
            ["destination"] = entry.Target,
            ["version"] = ipv6 ? "6" : "4",
        };
        var then = entry.Action switch
        {
            "filter" => new Dictionary<string, string> { ["traffic-rate"] = "0" },
            "mark" => new Dictionary<string, string> { ["traffic-marking"] = Options.FlowSpecDscp },
            "limit" => new Dictionary<string, string> { ["traffic-rate"] = Options.FlowSpecRate },
            "community" => new Dictionary<string, string> { ["communities"] = Options.FlowSpecCommunity },
            "redirect" => Options.RedirectMethod switch
            {
                "as4" => new Dictionary<string, string> { ["redirect-as4"] = Options.RedirectAs4 },
                "ip" => new Dictionary<string, string> { ["redirect-ip"] = Options.RedirectIp },
                "nexthop" => new Dictionary<string, string> { ["redirect-nexthop"] = ipv6 ? Options.RedirectNextHop6 : Options.RedirectNextHop },
                "ipaction" => new Dictionary<string, string> { ["redirect-action-ip"] = Options.RedirectIpAction },
                _ => new Dictionary<string, string> { ["redirect-as"] = Options.RedirectAs },
            },
            _ => throw new FormatException($"unknown action '{entry.Action}'"),
        };
        entry.Rule = FlowSpecRule.Parse(match, then);
    }

    private void Install(Entry entry)
    {
        entry.Announced = _time.GetUtcNow().ToUnixTimeMilliseconds();
        foreach (var router in Options.Routers)
        {
            entry.Success[router] = (entry.Route, entry.Rule) switch
            {
                ({ } route, _) when route.IsIPv6 && !Options.EnableIPv6 => false,
                ({ } route, _) => _bgp.RouteCount(router) < Options.MaxRoutes && _bgp.AddRoute(router, route) == BgpChangeResult.Done,
                (_, { } rule) when !(rule.Nlri.IsIPv6 ? Options.EnableFlowSpec6 : Options.EnableFlowSpec) => false,
                (_, { } rule) => _bgp.FlowCount(router) < Options.MaxFlows && _bgp.AddFlow(router, rule) == BgpChangeResult.Done,
                _ => false,
            };
            if (!entry.Success[router])
            {
                _log($"DDoS protect: {entry.Action} {entry.Target} failed at router {router} (family not enabled, table full, or not a neighbor)");
            }
        }

        _log($"DDoS {entry.Action} {entry.Target} announced {entry.Announced - entry.Event.Timestamp} ms after the event: {Describe(entry)}");
    }

    private void Release(Entry entry, string status)
    {
        if (entry.Announced is not null)
        {
            foreach (var router in Options.Routers)
            {
                if (!entry.Success.GetValueOrDefault(router))
                {
                    continue;
                }

                if (entry.Route is { } route)
                {
                    _bgp.RemoveRoute(router, route.Prefix.ToString());
                }
                else if (entry.Rule is { } rule)
                {
                    _bgp.RemoveFlow(router, rule.Nlri);
                }
            }
        }

        _controls.Remove(entry.Key);
        _history.AddFirst(Snapshot(entry) with { Status = status, Released = _time.GetUtcNow().ToUnixTimeMilliseconds() });
        while (_history.Count > Options.HistoryCapacity)
        {
            _history.RemoveLast();
        }

        _log($"DDoS {status} {entry.Signature.Attack} {entry.Target} {entry.Group} {entry.Protocol}");
    }

    private void RouterChanged(string router, bool up)
    {
        lock (_lock)
        {
            _routerUp[router] = up;
        }
    }

    private DdosControl Snapshot(Entry entry)
    {
        var status = entry.Announced is null ? "pending"
            : Options.Routers.All(r => entry.Success.GetValueOrDefault(r) && _routerUp.GetValueOrDefault(r)) ? "blocked"
            : "failed";
        return new DdosControl
        {
            Id = "c" + entry.Number.ToString(CultureInfo.InvariantCulture),
            Target = entry.Target,
            Group = entry.Group,
            Protocol = entry.Protocol,
            Attack = entry.Signature.Attack,
            IpVersion = entry.Signature.IPv6 ? "6" : "4",
            Attackers = entry.Attackers,
            PacketSize = entry.PacketSize,
            Time = entry.Event.Timestamp,
            Action = entry.Action,
            Status = status,
            Announced = entry.Announced,
            Rule = Describe(entry),
            ThresholdId = entry.Event.ThresholdId,
            Agent = entry.Event.Agent,
            DataSource = entry.Event.DataSource,
            FlowKey = entry.Event.FlowKey,
        };
    }

    private static string? Describe(Entry entry) =>
        entry.Route is { } route ? $"route {route.Prefix} next-hop {route.NextHop} communities {route.Fields.GetValueOrDefault("communities")}"
        : entry.Rule?.ToString();

    private Entry? Find(string id)
    {
        foreach (var entry in _controls.Values)
        {
            if ("c" + entry.Number.ToString(CultureInfo.InvariantCulture) == id)
            {
                return entry;
            }
        }

        return null;
    }

    private DdosAttackSettings Settings(string attack) => Options.Attacks.GetValueOrDefault(attack) ?? new DdosAttackSettings();

    /// <summary>A control's state; changed only under the lock.</summary>
    private sealed class Entry
    {
        public int Number { get; init; }

        public required string Key { get; init; }

        public required DdosSignature Signature { get; init; }

        public required ThresholdEvent Event { get; init; }

        public required string Target { get; init; }

        public required string Group { get; init; }

        public required string Protocol { get; init; }

        public required string Action { get; init; }

        public double Attackers { get; init; }

        public double PacketSize { get; init; }

        /// <summary>The FlowSpec rule pushed, for every action but <c>drop</c>.</summary>
        public FlowSpecRule? Rule { get; set; }

        /// <summary>The RTBH route pushed, for <c>drop</c>.</summary>
        public BgpRoute? Route { get; set; }

        public long? Announced { get; set; }

        public Dictionary<string, bool> Success { get; } = new(StringComparer.Ordinal);
    }
}
