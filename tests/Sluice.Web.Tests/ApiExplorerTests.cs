using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit;

namespace Sluice.Web.Tests;

/// <summary>The Scalar REST API explorer at <c>/api/</c>: served by the engine, works offline, executes requests.</summary>
public sealed partial class ApiExplorerTests(WebUiFixture fixture)
{
    [Fact]
    public async Task Explorer_SendAnalyzerRequest_EngineAnswersAndResponseShown()
    {
        await using var watched = await WatchedPage.OpenAsync(fixture);
        var page = watched.Page;
        var executed = new TaskCompletionSource<IResponse>(TaskCreationOptions.RunContinuationsAsynchronously);
        // The explorer's bundle is a few MB of script: on a busy machine its load event can take a while, so wait for
        // the rendered title instead (bounded).
        await page.GotoAsync("/api/", new() { WaitUntil = WaitUntilState.DOMContentLoaded, Timeout = 60_000 });
        await page.GetByText("Sluice REST API").First.WaitForAsync(new() { Timeout = 60_000 });
        // Counted only from here: the explorer's own page loads before are not requests it executes.
        page.Response += (_, response) =>
        {
            if (response.Url.EndsWith("/analyzer/json", StringComparison.Ordinal) && response.Request.Method == "GET")
            {
                executed.TrySetResult(response);
            }
        };

        await page.GotoAsync("/api/#tag/server/GET/analyzer/json", new() { WaitUntil = WaitUntilState.DOMContentLoaded, Timeout = 60_000 });
        // The operation's own section: other operations have a Test Request button too.
        await page.Locator("section[id='v1/tag/server/GET/analyzer/json']").GetByRole(AriaRole.Button, new() { NameRegex = TestRequest() })
            .First.ClickAsync(new() { Timeout = 20_000 });
        // As the seed says of the explorer: if the first click shows nothing, click Send again (the client may still be
        // loading the operation when the first click lands).
        IResponse? response = null;
        for (var attempt = 0; attempt < 5 && response is null; attempt++)
        {
            await page.GetByRole(AriaRole.Button, new() { NameRegex = Send() }).First.ClickAsync(new() { Timeout = 20_000 });
            var done = await Task.WhenAny(executed.Task, Task.Delay(3000, TestContext.Current.CancellationToken));
            response = done == executed.Task ? await executed.Task : null;
        }

        Assert.NotNull(response);
        Assert.Equal(200, response.Status);
        Assert.Contains("sFlowDatagramsReceived", await response.TextAsync(), StringComparison.Ordinal);
        await page.GetByText("sFlowDatagramsReceived").First.WaitForAsync(new() { Timeout = 10_000 });
        await watched.ScreenshotAsync("api-explorer");
        Assert.Empty(watched.OutsideRequests);
    }

    [GeneratedRegex("^Test Request", RegexOptions.IgnoreCase)]
    private static partial Regex TestRequest();

    [GeneratedRegex("^Send", RegexOptions.IgnoreCase)]
    private static partial Regex Send();
}
