using System.Net;
using Sluice.Engine.Flows;

namespace Sluice.Engine.Export.Ipfix;

/// <summary>Reads a definition's <c>ipfixCollectors</c>: IP addresses, each with an optional port (IANA's 4739 by default).</summary>
internal static class IpfixCollectors
{
    /// <summary>RFC 7011 §10.3.4: the IANA port for IPFIX over UDP.</summary>
    public const int DefaultPort = 4739;

    /// <summary><c>192.0.2.1</c>, <c>192.0.2.1:2055</c>, <c>2001:db8::1</c> or <c>[2001:db8::1]:2055</c>.</summary>
    /// <exception cref="FlowSyntaxException">An entry is not an IP address with an optional port; names it and its index.</exception>
    public static IPEndPoint[] Parse(IReadOnlyList<string> collectors)
    {
        ArgumentNullException.ThrowIfNull(collectors);
        var endpoints = new IPEndPoint[collectors.Count];
        for (var i = 0; i < collectors.Count; i++)
        {
            var text = collectors[i].Trim();
            if (!IPEndPoint.TryParse(text, out var endpoint))
            {
                throw new FlowSyntaxException("ipfixCollectors: an IP address with an optional port is expected", i, text);
            }

            endpoints[i] = endpoint.Port == 0 ? new IPEndPoint(endpoint.Address, DefaultPort) : endpoint;
        }

        return endpoints;
    }
}
