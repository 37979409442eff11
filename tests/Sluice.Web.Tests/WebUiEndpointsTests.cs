using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Sluice.Tests.Serve;
using Sluice.Web;
using Xunit;

namespace Sluice.Web.Tests;

/// <summary>How <c>sluice serve</c> serves the UI, the OpenAPI document and the explorer, over plain HTTP.</summary>
public sealed class WebUiEndpointsTests(WebUiFixture fixture)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static HttpClient NoRedirects(ServeTestHost host) =>
        new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = host.Http.BaseAddress };

    [Fact]
    public async Task Root_ByDefault_RedirectsToHtmlIndexWithUplotServedLocally()
    {
        await using var host = await ServeTestHost.StartAsync();
        using var http = NoRedirects(host);

        using var root = await http.GetAsync(new Uri("/", UriKind.Relative), Cancel);
        using var index = await http.GetAsync(new Uri("/html/index.html", UriKind.Relative), Cancel);
        using var uplot = await http.GetAsync(new Uri("/html/lib/uplot/uPlot.esm.js", UriKind.Relative), Cancel);

        Assert.Equal(HttpStatusCode.Redirect, root.StatusCode);
        Assert.Equal("./html/index.html", root.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, index.StatusCode);
        Assert.Equal("text/html", index.Content.Headers.ContentType!.MediaType);
        var html = await index.Content.ReadAsStringAsync(Cancel);
        Assert.Contains("app.js", html, StringComparison.Ordinal);
        Assert.DoesNotContain("https://cdn", html, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, uplot.StatusCode);
        Assert.Contains("uPlot", await uplot.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Root_HtmlRedirectProperty_RedirectsThere()
    {
        await using var host = await ServeTestHost.StartAsync(("http:html:redirect", "./app/flow-trend/html/"));
        using var http = NoRedirects(host);

        using var root = await http.GetAsync(new Uri("/", UriKind.Relative), Cancel);

        Assert.Equal("./app/flow-trend/html/", root.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task HtmlNo_LeavesOutPagesAndExplorer_KeepsRestAndApiDocs()
    {
        await using var host = await ServeTestHost.StartAsync(("http:html", "no"));
        using var http = NoRedirects(host);

        foreach (var page in new[] { "/", "/html/index.html", "/api/" })
        {
            using var response = await http.GetAsync(new Uri(page, UriKind.Relative), Cancel);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }

        using var analyzer = await http.GetAsync(new Uri("/analyzer/json", UriKind.Relative), Cancel);
        using var docs = await http.GetAsync(new Uri("/api-docs", UriKind.Relative), Cancel);
        Assert.Equal(HttpStatusCode.OK, analyzer.StatusCode);
        Assert.Equal(HttpStatusCode.OK, docs.StatusCode);
    }

    [Fact]
    public async Task ApiDocs_EveryRestEndpoint_DescribedWithTagAndSummary()
    {
        using var document = JsonDocument.Parse(await fixture.Http.GetStringAsync("/api-docs", Cancel));
        var paths = document.RootElement.GetProperty("paths");
        var endpoints = fixture.Host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<HttpMethodMetadata>() is not null && e.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>() is not { ExcludeFromDescription: true })
            .ToList();

        Assert.True(endpoints.Count > 50, $"{endpoints.Count} endpoints");
        var routes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var endpoint in endpoints)
        {
            var path = endpoint.RoutePattern.RawText!.Replace("{**", "{", StringComparison.Ordinal);
            foreach (var method in endpoint.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods)
            {
                routes.Add(method + " " + path);
                Assert.True(paths.TryGetProperty(path, out var item), $"{path} missing from /api-docs");
                Assert.True(item.TryGetProperty(method.ToLowerInvariant(), out var operation), $"{method} {path} missing from /api-docs");
                Assert.NotNull(ApiCatalog.Find(method, path));
                Assert.Equal(ApiCatalog.Find(method, path)!.Summary, operation.GetProperty("summary").GetString());
                Assert.Equal(1, operation.GetProperty("tags").GetArrayLength());
            }
        }

        // And nothing stale: every catalogued operation is a route.
        Assert.DoesNotContain(ApiCatalog.Keys, key => !routes.Contains(key));
    }

    [Fact]
    public async Task ApiDocs_Analyzer_HasResponseSchema_FlowPut_HasRequestExample()
    {
        using var document = JsonDocument.Parse(await fixture.Http.GetStringAsync("/api-docs", Cancel));
        var paths = document.RootElement.GetProperty("paths");

        var analyzer = paths.GetProperty("/analyzer/json").GetProperty("get").GetProperty("responses").GetProperty("200")
            .GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("properties");
        var flowPut = paths.GetProperty("/flow/{name}/json").GetProperty("put").GetProperty("requestBody")
            .GetProperty("content").GetProperty("application/json").GetProperty("example");
        var activeFlows = paths.GetProperty("/activeflows/{agent}/{name}/json").GetProperty("get").GetProperty("parameters");

        Assert.True(analyzer.TryGetProperty("sFlowDatagramsReceived", out _));
        Assert.True(analyzer.TryGetProperty("sFlowParseErrors", out _));
        Assert.Equal("ipsource,ipdestination", flowPut.GetProperty("keys").GetString());
        Assert.Contains(activeFlows.EnumerateArray(), p => p.GetProperty("name").GetString() == "maxFlows" && p.GetProperty("in").GetString() == "query");
    }

    [Fact]
    public async Task DataSources_DemoAgent_ListsSamplingRatesAndUnknownAgentIs404()
    {
        using var agents = JsonDocument.Parse(await fixture.Http.GetStringAsync("/agents/json", Cancel));
        var agent = agents.RootElement.EnumerateObject().First().Name;

        using var sources = JsonDocument.Parse(await fixture.Http.GetStringAsync($"/agents/{agent}/datasources/json", Cancel));
        using var unknown = await fixture.Http.GetAsync(new Uri("/agents/192.0.2.99/datasources/json", UriKind.Relative), Cancel);

        Assert.NotEmpty(sources.RootElement.EnumerateArray());
        Assert.All(sources.RootElement.EnumerateArray(), s => Assert.Equal(agent, s.GetProperty("agent").GetString()));
        Assert.Contains(sources.RootElement.EnumerateArray(), s => s.GetProperty("samplingRate").GetInt64() > 0);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }
}
