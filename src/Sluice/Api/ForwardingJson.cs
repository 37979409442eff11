using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Sluice.Engine.Forwarding;

namespace Sluice.Api;

/// <summary>
/// The JSON of forwarding sessions and tenants: sFlow-RT's Forwarding and Tenant objects as given, plus what each has
/// sent. Reading is strict about types so a bad body gets a 400 that names the field.
/// </summary>
internal static class ForwardingJson
{
    /// <exception cref="FormatException">The body is not a Forwarding object.</exception>
    public static ForwardingSpec ParseSession(JsonElement json)
    {
        RequireObject(json, "forwarding");
        string? address = null;
        var spec = new ForwardingSpec { Address = string.Empty };
        foreach (var property in json.EnumerateObject())
        {
            switch (property.Name)
            {
                case "address":
                    address = Text(property.Name, property.Value);
                    break;
                case "port":
                    spec = spec with { Port = Port(property.Name, property.Value) };
                    break;
                case "agents":
                    spec = spec with { Agents = Strings(property.Name, property.Value) };
                    break;
            }
        }

        return spec with { Address = address ?? throw new FormatException("address is required") };
    }

    /// <exception cref="FormatException">The body is not a Tenant object.</exception>
    public static TenantSpec ParseTenant(JsonElement json)
    {
        RequireObject(json, "tenant");
        string? address = null;
        var spec = new TenantSpec { CollectorAddress = string.Empty };
        foreach (var property in json.EnumerateObject())
        {
            switch (property.Name)
            {
                case "collectorAddress":
                    address = Text(property.Name, property.Value);
                    break;
                case "collectorPort":
                    spec = spec with { CollectorPort = Port(property.Name, property.Value) };
                    break;
                case "filters":
                    spec = spec with { Filters = ParseFilters(property.Value) };
                    break;
            }
        }

        return spec with { CollectorAddress = address ?? throw new FormatException("collectorAddress is required") };
    }

    public static JsonObject ToJson(ForwardingSession session)
    {
        var json = ToJson(session.Spec);
        AddStatistics(json, session.Statistics, samples: false);
        return json;
    }

    /// <summary>A Forwarding object as given, without what the session has sent: what is stored across restarts.</summary>
    public static JsonObject ToJson(ForwardingSpec spec)
    {
        var json = new JsonObject
        {
            ["address"] = spec.Address,
            ["port"] = spec.Port,
        };
        if (spec.Agents is { Count: > 0 })
        {
            json["agents"] = Array(spec.Agents);
        }

        return json;
    }

    public static JsonObject ToJson(Tenant tenant)
    {
        var json = ToJson(tenant.Spec);
        AddStatistics(json, tenant.Statistics, samples: true);
        return json;
    }

    /// <summary>A Tenant object as given, without what the tenant has been sent: what is stored across restarts.</summary>
    public static JsonObject ToJson(TenantSpec spec)
    {
        var filters = new JsonObject();
        var given = spec.Filters ?? new TenantFilters();
        foreach (var (name, entries) in new[] { ("ifindex", given.IfIndex), ("ifname", given.IfName), ("cidr", given.Cidr), ("mac", given.Mac) })
        {
            if (entries is { Count: > 0 })
            {
                filters[name] = Array(entries);
            }
        }

        return new JsonObject
        {
            ["collectorAddress"] = spec.CollectorAddress,
            ["collectorPort"] = spec.CollectorPort,
            ["filters"] = filters,
        };
    }

    private static TenantFilters ParseFilters(JsonElement json)
    {
        RequireObject(json, "filters");
        var filters = new TenantFilters();
        foreach (var property in json.EnumerateObject())
        {
            var name = "filters." + property.Name;
            filters = property.Name switch
            {
                "ifindex" => filters with { IfIndex = Strings(name, property.Value) },
                "ifname" => filters with { IfName = Strings(name, property.Value) },
                "cidr" => filters with { Cidr = Strings(name, property.Value) },
                "mac" => filters with { Mac = Strings(name, property.Value) },
                _ => throw new FormatException($"{name}: unknown filter (ifindex, ifname, cidr or mac)"),
            };
        }

        return filters;
    }

    private static void AddStatistics(JsonObject json, ForwardingStatistics statistics, bool samples)
    {
        if (samples)
        {
            json["samplesForwarded"] = statistics.Samples;
        }

        json["datagramsForwarded"] = statistics.Datagrams;
        json["bytesForwarded"] = statistics.Bytes;
        json["datagramsDropped"] = statistics.Dropped;
        json["datagramsRateLimited"] = statistics.RateLimited;
        json["sendErrors"] = statistics.Errors;
    }

    private static JsonArray Array(IReadOnlyList<string> items)
    {
        var array = new JsonArray();
        foreach (var item in items)
        {
            array.Add(item);
        }

        return array;
    }

    private static void RequireObject(JsonElement json, string what)
    {
        if (json.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"{what}: a JSON object is expected");
        }
    }

    private static string Text(string name, JsonElement value) => value.ValueKind == JsonValueKind.String
        ? value.GetString()!
        : throw new FormatException($"{name}: a string is expected");

    /// <summary>A port as a number, or a numeric string as some scripts send it.</summary>
    private static int Port(string name, JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number when value.TryGetInt32(out var port) => port,
        JsonValueKind.String when int.TryParse(value.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var port) => port,
        _ => throw new FormatException($"{name}: a port number is expected"),
    };

    private static string[] Strings(string name, JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException($"{name}: an array of strings is expected");
        }

        var items = new List<string>();
        foreach (var item in value.EnumerateArray())
        {
            items.Add(item.ValueKind == JsonValueKind.String ? item.GetString()! : throw new FormatException($"{name}: an array of strings is expected"));
        }

        return [.. items];
    }
}
