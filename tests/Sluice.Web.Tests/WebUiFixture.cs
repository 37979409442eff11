using Microsoft.Playwright;
using Sluice.Tests.Apps;
using Sluice.Tests.Serve;
using Xunit;

[assembly: AssemblyFixture(typeof(Sluice.Web.Tests.WebUiFixture))]

namespace Sluice.Web.Tests;

/// <summary>
/// One <c>sluice serve --demo</c> on ephemeral loopback ports and one headless Debian Chromium, shared by the browser
/// tests: starting either per test would cost seconds each.
/// </summary>
public sealed class WebUiFixture : IAsyncLifetime
{
    /// <summary>Debian's chromium (scripts/test-deps.sh); Playwright downloads no browser here.</summary>
    private const string Chromium = "/usr/bin/chromium";

    /// <summary>
    /// Three apps for the Apps page: one healthy with html, one whose script fails, one without html.
    /// </summary>
    private readonly AppFolder _apps = new(new Dictionary<string, string>
    {
        ["app/top-talkers/scripts/top.js"] = "setFlow('top_talkers', {keys:'ipsource', value:'bytes', t:2});",
        ["app/top-talkers/html/index.html"] = "<!doctype html><title>top talkers</title><p>top talkers</p>",
        ["app/broken/scripts/broken.js"] = "throw new Error('broken on purpose');",
        ["app/headless/scripts/quiet.js"] = "var started = true;",
    });

    private IPlaywright? _playwright;
    private ServeTestHost? _host;

    internal ServeTestHost Host => _host ?? throw new InvalidOperationException("not started");

    public IBrowser Browser { get; private set; } = null!;

    public Uri BaseAddress => Host.Http.BaseAddress!;

    public HttpClient Http => Host.Http;

    public async ValueTask InitializeAsync()
    {
        _host = await ServeTestHost.StartAsync(_apps.Properties(("demo", "yes")));
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Timeout = 30_000,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        _apps.Dispose();
    }
}
