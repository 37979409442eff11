using System.Globalization;
using System.Net;
using System.Text.Json;
using Sluice.Sflow.Xdr;

namespace Sluice.Engine.Topology;

/// <summary>
/// Reads sFlow-RT's topology JSON into a <see cref="TopologyDefinition"/>. Strict about the fields it reads (each
/// error names the field by its path, e.g. <c>nodes.leaf1.ports.swp1.ifindex</c>), silent about fields it does not
/// (<c>dpid</c>, <c>ofport</c>, <c>tags</c> stay in the stored JSON).
/// </summary>
internal static class TopologyParser
{
    /// <summary>The most nodes, ports and links together: far beyond any fabric, and a bound on memory.</summary>
    public const int MaxElements = 1_000_000;

    public static TopologyDefinition Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException e)
        {
            throw new TopologyFormatException($"topology: not valid JSON: {e.Message}", e);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new TopologyFormatException($"topology: expected a JSON object, got {Describe(root)}");
            }

            var elements = 0;
            var nodes = new Dictionary<string, TopologyNode>(StringComparer.Ordinal);
            var links = new Dictionary<string, TopologyLink>(StringComparer.Ordinal);
            foreach (var (name, value) in Members(root, "nodes"))
            {
                nodes[name] = Node(name, value, ref elements);
            }

            foreach (var (name, value) in Members(root, "links"))
            {
                Count(ref elements);
                links[name] = Link(name, value);
            }

            CheckUniqueInterfaces(nodes);
            return new TopologyDefinition(nodes, links, root.GetRawText());
        }
    }

    /// <summary>The properties of an optional object field (absent and null give none).</summary>
    private static IEnumerable<(string Name, JsonElement Value)> Members(JsonElement parent, string field, string? path = null)
    {
        if (!parent.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            yield break;
        }

        var fieldPath = path is null ? field : $"{path}.{field}";
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw new TopologyFormatException($"{fieldPath}: expected an object, got {Describe(value)}");
        }

        foreach (var property in value.EnumerateObject())
        {
            if (property.Name.Length == 0)
            {
                throw new TopologyFormatException($"{fieldPath}: a name may not be empty");
            }

            if (property.Value.ValueKind is not (JsonValueKind.Object or JsonValueKind.Null))
            {
                throw new TopologyFormatException($"{fieldPath}.{property.Name}: expected an object, got {Describe(property.Value)}");
            }

            yield return (property.Name, property.Value);
        }
    }

    private static TopologyNode Node(string name, JsonElement value, ref int elements)
    {
        Count(ref elements);
        var path = $"nodes.{name}";
        SflowAddress? agent = null;
        if (value.ValueKind == JsonValueKind.Object && value.TryGetProperty("agent", out var agentValue) && agentValue.ValueKind != JsonValueKind.Null)
        {
            if (agentValue.ValueKind != JsonValueKind.String || !IPAddress.TryParse(agentValue.GetString(), out var address))
            {
                throw new TopologyFormatException($"{path}.agent: expected an agent IP address, got {Describe(agentValue)}");
            }

            agent = SflowAddress.FromIPAddress(address);
        }

        var ports = new Dictionary<string, TopologyPort>(StringComparer.Ordinal);
        if (value.ValueKind == JsonValueKind.Object)
        {
            foreach (var (portName, port) in Members(value, "ports", path))
            {
                Count(ref elements);
                ports[portName] = new TopologyPort(portName, IfIndex(port, $"{path}.ports.{portName}"));
            }
        }

        return new TopologyNode(name, agent, ports);
    }

    /// <summary>
    /// <c>ifindex</c> as a number or, as sFlow-RT's Mininet helper sends it, a string of digits (<c>"3"</c>).
    /// </summary>
    private static uint? IfIndex(JsonElement port, string path)
    {
        if (port.ValueKind != JsonValueKind.Object || !port.TryGetProperty("ifindex", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetUInt32(out var number))
        {
            return number;
        }

        if (value.ValueKind == JsonValueKind.String
            && uint.TryParse(value.GetString().AsSpan().Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
        {
            return parsed;
        }

        throw new TopologyFormatException($"{path}.ifindex: expected an ifIndex 0..4294967295 (a number or a string of digits), got {Describe(value)}");
    }

    private static TopologyLink Link(string name, JsonElement value)
    {
        var path = $"links.{name}";
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw new TopologyFormatException($"{path}: expected an object with node1, port1, node2 and port2");
        }

        var link = new TopologyLink(name, Required(value, "node1", path), Required(value, "port1", path), Required(value, "node2", path), Required(value, "port2", path));
        if (link.Node1 == link.Node2 && link.Port1 == link.Port2)
        {
            throw new TopologyFormatException($"{path}: both ends are port {link.Port1} of node {link.Node1}");
        }

        return link;
    }

    private static string Required(JsonElement link, string field, string path)
    {
        if (!link.TryGetProperty(field, out var value) || value.ValueKind != JsonValueKind.String || string.IsNullOrEmpty(value.GetString()))
        {
            throw new TopologyFormatException($"{path}.{field}: required, a node or port name");
        }

        return value.GetString()!;
    }

    /// <summary>Two ports given the same agent and ifIndex would make every lookup of that interface ambiguous.</summary>
    private static void CheckUniqueInterfaces(Dictionary<string, TopologyNode> nodes)
    {
        var seen = new Dictionary<PortKey, string>();
        foreach (var node in nodes.Values)
        {
            if (node.Agent is not { } agent)
            {
                continue;
            }

            foreach (var port in node.Ports.Values)
            {
                if (port.IfIndex is not { } ifIndex)
                {
                    continue;
                }

                var where = $"nodes.{node.Name}.ports.{port.Name}";
                if (!seen.TryAdd(new PortKey(agent, ifIndex), where))
                {
                    throw new TopologyFormatException(
                        $"{where}.ifindex: agent {agent} ifIndex {ifIndex} is already {seen[new PortKey(agent, ifIndex)]}");
                }
            }
        }
    }

    private static void Count(ref int elements)
    {
        if (++elements > MaxElements)
        {
            throw new TopologyFormatException($"topology: more than {MaxElements} nodes, ports and links");
        }
    }

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => $"\"{Shorten(value.GetString()!)}\"",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.Null => "null",
        _ => Shorten(value.GetRawText()),
    };

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "...";
}
