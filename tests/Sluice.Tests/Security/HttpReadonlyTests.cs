using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Sluice.Tests.Serve;
using Xunit;

namespace Sluice.Tests.Security;

/// <summary><c>http.readonly=yes</c> answers 403 to every write on every route the server maps, app handlers included.</summary>
public sealed partial class HttpReadonlyTests
{
    private static readonly string[] Writes = ["PUT", "POST", "DELETE", "PATCH"];

    [Fact]
    public async Task EveryWriteRoute_HttpReadonly_Answers403()
    {
        await using var host = await ServeTestHost.StartAsync(("http:readonly", "yes"), ("bgp:neighbors", "127.0.0.2"), ("ddos_protect:enable", "yes"), ("bgp:port", "0"), ("bgp:hostname", "127.0.0.1"));
        var checkedRoutes = new List<string>();

        foreach (var (method, path) in WriteRoutes(host.Services))
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent("""{"keys":"ipsource","value":"bytes"}""", Encoding.UTF8, "application/json") };
            using var response = await host.Http.SendAsync(request, TestContext.Current.CancellationToken);
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{method} {path} answered {(int)response.StatusCode}");
            checkedRoutes.Add($"{method} {path}");
        }

        // The routes that matter most must be among those found, so an empty enumeration cannot pass.
        Assert.Contains("PUT /flow/x/json", checkedRoutes);
        Assert.Contains("PUT /threshold/x/json", checkedRoutes);
        Assert.Contains("PUT /group/x/json", checkedRoutes);
        Assert.Contains("PUT /topology/json", checkedRoutes);
        Assert.Contains(checkedRoutes, r => r.StartsWith("PUT /forwarding/", StringComparison.Ordinal));
        Assert.Contains(checkedRoutes, r => r.Contains(" /bgp/", StringComparison.Ordinal));
        Assert.Contains(checkedRoutes, r => r.Contains(" /tenant/", StringComparison.Ordinal));
        Assert.Contains("POST /app/x/scripts/x/x/json", checkedRoutes);
        Assert.Null(host.Engine.Flows.TryGet("x"));
        Assert.Null(host.Engine.Thresholds.TryGet("x"));

        using var read = await host.Http.GetAsync(new Uri("/analyzer/json", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
    }

    /// <summary>Every (method, path) a route accepts other than GET and HEAD, each parameter filled with <c>x</c>.</summary>
    private static IEnumerable<(string Method, string Path)> WriteRoutes(IServiceProvider services)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var endpoint in services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var template = endpoint.RoutePattern.RawText ?? string.Empty;
            var path = CatchAll().Replace(Parameter().Replace(template.StartsWith('/') ? template : "/" + template, "x"), "x/json");
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? Writes;
            foreach (var method in methods.Where(m => !HttpMethods.IsGet(m) && !HttpMethods.IsHead(m)))
            {
                if (seen.Add($"{method} {path}"))
                {
                    yield return (method, path);
                }
            }
        }
    }

    [GeneratedRegex(@"\{\*\*[^}]+\}")]
    private static partial Regex CatchAll();

    [GeneratedRegex(@"\{[^*}][^}]*\}")]
    private static partial Regex Parameter();
}
