using Microsoft.Playwright;

namespace Sluice.Web.Tests;

/// <summary>
/// A 1280×800 browser page that records what must not happen: console errors, uncaught exceptions, and requests that
/// leave the engine (the UI must work offline; such requests are aborted and remembered).
/// </summary>
internal sealed class WatchedPage : IAsyncDisposable
{
    private readonly IBrowserContext _context;

    private WatchedPage(IBrowserContext context, IPage page)
    {
        _context = context;
        Page = page;
    }

    public IPage Page { get; }

    /// <summary>True when <c>SLUICE_SCREENSHOTS</c> names a folder: screenshots are being made for docs/screenshots.</summary>
    public static bool ForDocs => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("SLUICE_SCREENSHOTS"));

    public List<string> Errors { get; } = [];

    public List<string> OutsideRequests { get; } = [];

    /// <param name="fixture">The engine and browser.</param>
    /// <param name="uiPage">When given, the UI page to open (<c>flows</c> opens <c>/html/index.html#flows</c>).</param>
    public static async Task<WatchedPage> OpenAsync(WebUiFixture fixture, string? uiPage = null)
    {
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
            BaseURL = fixture.BaseAddress.ToString(),
        });
        var page = await context.NewPageAsync();
        var watched = new WatchedPage(context, page);
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                watched.Errors.Add($"console: {message.Text} at {message.Location}");
            }
        };
        page.PageError += (_, error) => watched.Errors.Add($"page error: {error}");
        var engine = fixture.BaseAddress.Authority;
        await page.RouteAsync("**/*", async route =>
        {
            var url = new Uri(route.Request.Url);
            if (url.Scheme is "data" or "blob" || url.Authority == engine)
            {
                await route.ContinueAsync();
                return;
            }

            watched.OutsideRequests.Add(route.Request.Url);
            await route.AbortAsync();
        });
        if (uiPage is not null)
        {
            await page.GotoAsync("/html/index.html#" + uiPage);
        }

        return watched;
    }

    /// <summary>Screenshot of the page (docs/screenshots when <c>SLUICE_SCREENSHOTS</c> names that folder, else a temp folder).</summary>
    public async Task<byte[]> ScreenshotAsync(string name)
    {
        var folder = Environment.GetEnvironmentVariable("SLUICE_SCREENSHOTS") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Path.GetTempPath(), "sluice-screenshots");
        Directory.CreateDirectory(folder);
        return await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png") });
    }

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();
}
