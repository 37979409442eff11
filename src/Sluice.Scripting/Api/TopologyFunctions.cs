using System.Globalization;
using Jint;
using Jint.Native;
using Jint.Runtime;
using Microsoft.Extensions.Logging;
using Sluice.Engine.Topology;
using Sluice.Scripting.Runtime;

namespace Sluice.Scripting.Api;

/// <summary>
/// The topology functions (sflow-rt-api.md §6.3) over the engine's <see cref="NetworkTopology"/>, the same topology
/// <c>PUT /topology/json</c> installs. Results are plain objects and arrays with sFlow-RT's lower-case field names;
/// what is not found is null (a single item) or empty (a list).
/// </summary>
internal static partial class TopologyFunctions
{
    public static void Register(ApiTarget api, ScriptRuntime script)
    {
        var engine = script.Engine;
        var sluice = script.Services.Engine;
        var topology = sluice.Topology;
        api.Add("setTopology", a => Set(script, topology, Args.At(a, 0)));
        api.Add("getTopology", _ => JsonBridge.Parse(engine, topology.Current.Definition.Json));
        api.Add("topologyVersion", _ => topology.Version is var version and not 0 ? version : JsValue.Null);
        api.Add("topologyNodeNames", a => JsonBridge.ToJs(engine, topology.Current.NodeNames(TypeConverter.ToBoolean(Args.At(a, 0)))));
        api.Add("topologyLinkNames", a => JsonBridge.ToJs(engine, topology.Current.LinkNames(TypeConverter.ToBoolean(Args.At(a, 0)))));
        api.Add("topologyLink", a => topology.Current.Link(Args.Text(engine, a, 0, "topologyLink")) is { } link
            ? JsonBridge.ToJs(engine, new Dictionary<string, string> { ["node1"] = link.Node1, ["port1"] = link.Port1, ["node2"] = link.Node2, ["port2"] = link.Port2 })
            : JsValue.Null);
        api.Add("topologyNodeLinks", a => JsonBridge.ToJs(engine, topology.Current.NodeLinks(Args.Text(engine, a, 0, "topologyNodeLinks"))));
        api.Add("topologyAgentForNode", a => topology.AgentForNode(Args.Text(engine, a, 0, "topologyAgentForNode")) is { } agent ? agent : JsValue.Null);
        api.Add("topologyNodesForAgent", a =>
            JsonBridge.ToJs(engine, topology.NodesForAgent(Args.Text(engine, a, 0, "topologyNodesForAgent"), IfIndex(Args.OptionalText(a, 1)))));
        api.Add("topologyInterfaceToPort", a => IfIndex(Args.Text(engine, a, 1, "topologyInterfaceToPort")) is { } ifIndex
            ? JsonBridge.ToJs(engine, topology.InterfaceToPort(Args.Text(engine, a, 0, "topologyInterfaceToPort"), ifIndex))
            : JsValue.Null);
        api.Add("topologyInterfaceToLink", a => IfIndex(Args.Text(engine, a, 1, "topologyInterfaceToLink")) is { } ifIndex
            ? JsonBridge.ToJs(engine, topology.InterfaceToLink(Args.Text(engine, a, 0, "topologyInterfaceToLink"), ifIndex))
            : JsValue.Null);
        api.Add("topologyLinkMetric", a =>
        {
            var link = Args.Text(engine, a, 0, "topologyLinkMetric");
            try
            {
                return JsonBridge.ToJs(engine, sluice.TopologyLinkMetric(link, Args.List(a, 1, ',') ?? []));
            }
            catch (FormatException e)
            {
                throw Args.Fail(engine, "topologyLinkMetric: " + e.Message);
            }
        });
        api.Add("topologyDiameter", _ => topology.Current.Diameter);
        api.Add("topologyLocatedHostMacs", a =>
        {
            // A given but unreadable ifIndex matches no interface, rather than every one.
            var ifIndexText = Args.OptionalText(a, 1);
            var ifIndex = IfIndex(ifIndexText);
            var macs = ifIndexText is not null && ifIndex is null ? [] : topology.LocatedHostMacs(Args.OptionalText(a, 0), ifIndex);
            return JsonBridge.ToJs(engine, macs);
        });
        api.Add("topologyLocateHostMac", a => JsonBridge.ToJs(engine, topology.LocateHostMac(Args.Text(engine, a, 0, "topologyLocateHostMac"))));
        api.Add("topologyLocateHostIP", a => JsonBridge.ToJs(engine, topology.LocateHostIp(Args.Text(engine, a, 0, "topologyLocateHostIP"))));
        api.Add("topologyLocateHostIP6", a => JsonBridge.ToJs(engine, topology.LocateHostIp(Args.Text(engine, a, 0, "topologyLocateHostIP6"))));
    }

    /// <summary><c>setTopology(obj)</c>: true when installed; false, with nothing changed, when it is not a topology.</summary>
    private static bool Set(ScriptRuntime script, NetworkTopology topology, JsValue value)
    {
        if (JsonBridge.Stringify(script.Engine, value) is not { } json)
        {
            return false;
        }

        try
        {
            topology.Set(json);
        }
        catch (TopologyFormatException)
        {
            return false;
        }

        // Installed but not stored is the server's problem, not the script's: logged, as PUT /topology/json does.
        if (topology.PersistError is { } error)
        {
            LogNotStored(script.Log, script.Key, error);
        }

        return true;
    }

    /// <summary>An ifIndex given as a number or a string (sFlow-RT's data source names are strings); null when it is neither.</summary>
    private static uint? IfIndex(string? text) =>
        uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var ifIndex) ? ifIndex : null;

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Script}: topology installed but not stored: {Error}")]
    private static partial void LogNotStored(ILogger logger, string script, string error);
}
