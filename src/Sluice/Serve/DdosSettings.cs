using System.Globalization;
using Microsoft.Extensions.Configuration;
using Sluice.Configuration;
using Sluice.Engine.Ddos;

namespace Sluice.Serve;

/// <summary>
/// The built-in DDoS protection's properties: <c>ddos_protect.enable=yes</c> turns it on; the rest are sFlow-RT
/// ddos-protect's own names (<c>ddos_protect.router</c>, <c>.as</c>, <c>.id</c>, <c>.mode</c>, <c>.enable.flowspec</c>,
/// <c>.group.NAME</c>, <c>.&lt;attack&gt;.threshold|timeout|action|include|exclude</c>, ...).
/// </summary>
internal static class DdosSettings
{
    public static bool Enabled(IConfiguration configuration) => SflowRtProperties.IsYes(configuration?["ddos_protect:enable"]);

    /// <exception cref="FormatException">A number does not parse; the message names the property.</exception>
    public static DdosProtectOptions From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var defaults = new DdosProtectOptions();
        string Text(string name, string fallback) => configuration["ddos_protect:" + name] is { Length: > 0 } value ? value : fallback;
        bool Yes(string name) => SflowRtProperties.IsYes(configuration["ddos_protect:" + name]);
        double Number(string name, double fallback) =>
            configuration["ddos_protect:" + name] is not { Length: > 0 } text ? fallback
            : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= 0 ? value
            : throw new FormatException($"ddos_protect.{name.Replace(':', '.')}: '{text}' is not a number of zero or more");

        // The configured groups go first: where a configured prefix equals a built-in one (group.local=10.0.0.0/8
        // and private's 10.0.0.0/8), the first group listed wins, so the user's group takes the address, as it does
        // in ddos-protect (its group.* properties are added after, and so override, the default groups).
        var groups = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var configured = configuration.GetSection("ddos_protect:group").GetChildren().ToList();
        foreach (var group in configured)
        {
            if (!string.IsNullOrWhiteSpace(group.Value))
            {
                groups[group.Key] = group.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            }
        }

        foreach (var (name, cidrs) in defaults.Groups)
        {
            if (!configured.Exists(group => group.Key == name))
            {
                groups[name] = cidrs;
            }
        }

        var attacks = new Dictionary<string, DdosAttackSettings>(StringComparer.Ordinal);
        foreach (var (name, settings) in defaults.Attacks)
        {
            attacks[name] = new DdosAttackSettings
            {
                Threshold = Number(name + ":threshold", settings.Threshold),
                TimeoutMinutes = Number(name + ":timeout", settings.TimeoutMinutes),
                Action = Action(Text(name + ":action", settings.Action), name),
                Include = Text(name + ":include", settings.Include),
                Exclude = Text(name + ":exclude", settings.Exclude),
            };
        }

        return defaults with
        {
            Routers = Text("router", string.Join(',', defaults.Routers)).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            As = uint.TryParse(Text("as", "65000"), NumberStyles.None, CultureInfo.InvariantCulture, out var asNumber) ? asNumber : throw new FormatException("ddos_protect.as: not an AS number"),
            RouterId = Text("id", defaults.RouterId),
            Automatic = Text("mode", "manual") == "automatic",
            Community = Text("community", defaults.Community),
            NextHop = Text("nexthop", defaults.NextHop),
            NextHop6 = Text("nexthop6", defaults.NextHop6),
            LocalPref = (uint)Number("localpref", defaults.LocalPref),
            MaxRoutes = (int)Number("maxroutes", defaults.MaxRoutes),
            MaxFlows = (int)Number("maxflows", defaults.MaxFlows),
            EnableIPv6 = Yes("enable:ipv6"),
            EnableFlowSpec = Yes("enable:flowspec"),
            EnableFlowSpec6 = Yes("enable:flowspec6"),
            FlowSpecDscp = Text("flowspec:dscp", defaults.FlowSpecDscp),
            FlowSpecRate = Text("flowspec:rate", defaults.FlowSpecRate),
            RedirectMethod = Text("flowspec:redirect:method", defaults.RedirectMethod),
            RedirectAs = Text("flowspec:redirect:as", defaults.RedirectAs),
            RedirectAs4 = Text("flowspec:redirect:as4", defaults.RedirectAs4),
            RedirectIp = Text("flowspec:redirect:ip", defaults.RedirectIp),
            RedirectNextHop = Text("flowspec:redirect:nexthop", defaults.RedirectNextHop),
            RedirectNextHop6 = Text("flowspec:redirect:nexthop6", defaults.RedirectNextHop6),
            RedirectIpAction = Text("flowspec:redirect:ipaction", defaults.RedirectIpAction),
            FlowSpecCommunity = Text("flowspec:community", defaults.FlowSpecCommunity),
            FlowSeconds = Number("flow_seconds", defaults.FlowSeconds),
            ThresholdSeconds = Number("threshold_seconds", defaults.ThresholdSeconds),
            SourceCountFilter = Yes("scf"),
            SourceCountMinimum = (int)Number("scf_sources", defaults.SourceCountMinimum),
            ExternalGroup = Text("externalgroup", defaults.ExternalGroup),
            ExcludedGroups = Text("excludedgroups", defaults.ExcludedGroups),
            Groups = groups,
            Attacks = attacks,
        };
    }

    private static string Action(string action, string attack) =>
        action is "ignore" or "drop" or "filter" or "mark" or "limit" or "redirect" or "community"
            ? action
            : throw new FormatException($"ddos_protect.{attack}.action: '{action}' is none of ignore, drop, filter, mark, limit, redirect, community");
}
