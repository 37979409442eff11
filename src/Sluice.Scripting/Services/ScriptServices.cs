using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Sluice.Engine;
using Sluice.Engine.Bgp;

namespace Sluice.Scripting.Services;

/// <summary>
/// Everything a script's API calls into. The optional services are null until the server binds them; the functions
/// that need one throw "not supported yet" meanwhile.
/// </summary>
public sealed record ScriptServices
{
    public required SluiceEngine Engine { get; init; }

    public required IScriptHost Host { get; init; }

    public IThresholdService? Thresholds { get; init; }

    public IFlowRecordSource? FlowRecords { get; init; }

    public IFlowValueService? FlowValues { get; init; }

    public IForwardingService? Forwarding { get; init; }

    /// <summary>The server's BGP speaker, shared with the REST API and the DDoS protection; it is an engine class, so no interface.</summary>
    public BgpService? Bgp { get; init; }

    /// <summary>Agents linked to BGP neighbors and traffic-ranked learned prefixes (<c>bgpAddSource</c>, <c>bgpTopPrefixes</c>).</summary>
    public Sluice.Engine.Bgp.Traffic.BgpTrafficSources? BgpTraffic { get; init; }

    /// <summary>For <c>http()</c> and <c>httpAsync()</c>; shared, so connections are pooled.</summary>
    public HttpClient Http { get; init; } = SharedHttp;

    public ILoggerFactory Logging { get; init; } = NullLoggerFactory.Instance;

    private static HttpClient SharedHttp { get; } = new() { Timeout = TimeSpan.FromSeconds(30) };
}
