using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;
using Xunit;

namespace Sluice.Web.Tests;

/// <summary>The web UI in headless Chromium against <c>sluice serve --demo</c>.</summary>
public sealed class WebUiPagesTests(WebUiFixture fixture)
{
    private static readonly float Bounded = 15_000;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("status", "#page[data-updates='4'] .uplot")]
    [InlineData("agents", "#agents tr[data-agent]")]
    [InlineData("agents/10.250.0.1", "#datasources tbody tr")]
    [InlineData("metrics", "#metric-name option")]
    [InlineData("flows", "#flow-table tr[data-key]")]
    [InlineData("apps", "#scripts td.error")]
    [InlineData("api", "#endpoints tbody tr")]
    public async Task Page_Loads_NoConsoleErrorsAndNothingFetchedOutside(string page, string ready)
    {
        await using var watched = await WatchedPage.OpenAsync(fixture, page);
        if (page == "flows")
        {
            // Countries, so the screenshot shows names and the DB-IP credit.
            await watched.Page.ClickAsync("button[data-shortcut='Source countries']");
            await watched.Page.WaitForSelectorAsync("#attribution:not([hidden])", new() { Timeout = Bounded });
        }

        if (page == "metrics")
        {
            await watched.Page.WaitForSelectorAsync("#metric-name option[value='load_one']", new() { State = WaitForSelectorState.Attached, Timeout = Bounded });
            await watched.Page.SelectOptionAsync("#metric-name", "load_one");
            await watched.Page.ClickAsync("#metric-add");
            await watched.Page.WaitForSelectorAsync("#traces .card[data-value] .uplot", new() { Timeout = Bounded });
            ready = "#traces .card[data-value]";
        }

        await watched.Page.WaitForSelectorAsync(ready, new() { State = WaitForSelectorState.Attached, Timeout = Bounded });
        // A few more polls, to catch errors of later updates; longer for the committed screenshots, so trends have a shape.
        await Task.Delay(WatchedPage.ForDocs ? 30_000 : 1500, Cancel);
        var png = await watched.ScreenshotAsync(page.Replace('/', '-').Replace("10.250.0.1", "detail", StringComparison.Ordinal));

        Assert.Empty(watched.Errors);
        Assert.Empty(watched.OutsideRequests);
        Assert.True(png.Length > 10_000, $"screenshot of {page} is {png.Length} bytes");
    }

    [Fact]
    public async Task Status_AfterUpdate_NumbersMatchAnalyzerJson()
    {
        await using var watched = await WatchedPage.OpenAsync(fixture, "status");
        await watched.Page.WaitForSelectorAsync("#page[data-updates]", new() { State = WaitForSelectorState.Attached, Timeout = Bounded });

        using var before = await AnalyzerAsync();
        // Two more updates: the second one's request was certainly sent after `before` was read.
        var seen = int.Parse(await watched.Page.GetAttributeAsync("#page", "data-updates") ?? "0", CultureInfo.InvariantCulture);
        await watched.Page.WaitForFunctionAsync($"Number(document.getElementById('page').dataset.updates) >= {seen + 2}", null, new() { Timeout = Bounded });
        var shown = await watched.Page.EvalOnSelectorAllAsync<Dictionary<string, string>>("#page .value[data-value]",
            "nodes => Object.fromEntries(nodes.map(n => [n.id.slice(3), n.dataset.value]))");
        using var after = await AnalyzerAsync();

        Assert.Equal(after.RootElement.GetProperty("version").GetString(), shown["version"]);
        Assert.Equal(after.RootElement.GetProperty("sFlowAgents").GetInt32().ToString(CultureInfo.InvariantCulture), shown["sFlowAgents"]);
        foreach (var counter in new[] { "sFlowDatagramsReceived", "sFlowBytesReceived", "sFlowFlowSamples", "sFlowCounterSamples", "sFlowParseErrors", "sFlowKernelDrops", "sFlowQueueDrops" })
        {
            var value = long.Parse(shown[counter], CultureInfo.InvariantCulture);
            Assert.InRange(value, before.RootElement.GetProperty(counter).GetInt64(), after.RootElement.GetProperty(counter).GetInt64());
        }

        Assert.True(long.Parse(shown["sFlowDatagramsReceived"], CultureInfo.InvariantCulture) > 0);
        // The text shown is the same number, with thousands separators.
        var text = await watched.Page.TextContentAsync("#st-sFlowDatagramsReceived");
        Assert.Equal(long.Parse(shown["sFlowDatagramsReceived"], CultureInfo.InvariantCulture), long.Parse(text!, NumberStyles.AllowThousands, CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Flows_DefinedInUi_AppearsInFlowJsonAndChartsWithinThreeSeconds()
    {
        await using var watched = await WatchedPage.OpenAsync(fixture, "flows");
        var page = watched.Page;
        await page.FillAsync("#flow-name", "uitest");
        await page.FillAsync("#flow-keys", "ipsource,ipdestination");
        await page.FillAsync("#flow-filter", string.Empty);
        await page.ClickAsync("#flow-run");

        await page.WaitForFunctionAsync("Number(document.getElementById('flow-chart').dataset.total) > 0", null, new() { Timeout = 3000 });
        var value = await page.GetAttributeAsync("#flow-table tr[data-key]", "data-value");
        Assert.True(double.Parse(value!, CultureInfo.InvariantCulture) > 0);
        Assert.Equal(1, await page.Locator("#flow-chart .uplot").CountAsync());
        using var flows = JsonDocument.Parse(await fixture.Http.GetStringAsync("/flow/json", Cancel));
        Assert.Equal("ipsource,ipdestination", flows.RootElement.GetProperty("uitest").GetProperty("keys").GetString());

        // Clicking a key's address adds it to the filter and redefines the flow.
        var address = await page.TextContentAsync("#flow-table tr[data-key] .keypart");
        await page.ClickAsync("#flow-table tr[data-key] .keypart");
        Assert.Equal($"ipsource={address}", await page.InputValueAsync("#flow-filter"));
        await page.WaitForFunctionAsync(
            $"[...document.querySelectorAll('#flow-table tr[data-key]')].every(r => r.dataset.key.startsWith('{address},'))", null, new() { Timeout = Bounded });
        using var filtered = JsonDocument.Parse(await fixture.Http.GetStringAsync("/flow/uitest/json", Cancel));
        Assert.Equal($"ipsource={address}", filtered.RootElement.GetProperty("filter").GetString());
        Assert.Empty(watched.Errors);
    }

    [Fact]
    public async Task FlowChart_TwentyFlows_RecordsUpdateTimes()
    {
        await using var watched = await WatchedPage.OpenAsync(fixture, "flows");
        var page = watched.Page;
        await page.FillAsync("#flow-name", "uitwenty");
        await page.ClickAsync("button[data-shortcut='Top pairs']");
        await page.WaitForFunctionAsync("document.querySelectorAll('#flow-table tr[data-key]').length === 20", null, new() { Timeout = Bounded });
        await page.WaitForFunctionAsync("performance.getEntriesByName('sluice-flow-update').length >= 10", null, new() { Timeout = 30_000 });
        var durations = await page.EvaluateAsync<double[]>("performance.getEntriesByName('sluice-flow-update').map(e => e.duration)");

        var line = string.Create(CultureInfo.InvariantCulture,
            $"flow chart update with 20 flows: {durations.Length} updates, mean {durations.Average():F2} ms, max {durations.Max():F2} ms");
        TestContext.Current.TestOutputHelper?.WriteLine(line);
        TestContext.Current.SendDiagnosticMessage(line);
        await File.WriteAllTextAsync(Path.Combine(Path.GetTempPath(), "sluice-flow-chart-timing.txt"), line + "\n", Cancel);
        Assert.All(durations, d => Assert.True(d > 0));
        Assert.Equal(20, await page.Locator("#flow-table tr[data-key]").CountAsync());
        Assert.Empty(watched.Errors);
    }

    [Fact]
    public async Task Apps_HealthyFailedAndWithoutHtml_ColouredAndLinkedLikeSflowRt()
    {
        await using var watched = await WatchedPage.OpenAsync(fixture, "apps");
        var page = watched.Page;
        await page.WaitForSelectorAsync("#apps [data-app='broken']", new() { Timeout = Bounded });

        Assert.Equal("healthy", await page.GetAttributeAsync("#apps [data-app='top-talkers']", "data-health"));
        Assert.Equal("/app/top-talkers/html/", await page.GetAttributeAsync("#apps [data-app='top-talkers']", "href"));
        Assert.Equal("failed", await page.GetAttributeAsync("#apps [data-app='broken']", "data-health"));
        Assert.Equal("rgb(207, 34, 46)", await page.EvalOnSelectorAsync<string>("#apps [data-app='broken']", "e => getComputedStyle(e).borderTopColor"));
        Assert.Equal("SPAN", await page.EvalOnSelectorAsync<string>("#apps [data-app='headless']", "e => e.tagName"));
        Assert.Contains("broken on purpose", await page.TextContentAsync("#scripts"), StringComparison.Ordinal);

        await page.ClickAsync("#apps [data-app='top-talkers']");
        await page.WaitForSelectorAsync("text=top talkers", new() { Timeout = Bounded });
        Assert.Empty(watched.Errors);
    }

    private async Task<JsonDocument> AnalyzerAsync() => JsonDocument.Parse(await fixture.Http.GetStringAsync("/analyzer/json", Cancel));
}
