using Microsoft.Extensions.Configuration;
using Sluice.Configuration;

namespace Sluice.Web;

/// <summary>
/// sFlow-RT's HTML properties (sflow-rt-api.md §7): <c>http.html</c> (<c>no</c> leaves the pages out: the UI, its
/// redirect and the API explorer; the REST API and <c>/api-docs</c> stay) and <c>http.html.redirect</c>, where
/// <c>/</c> sends a browser.
/// </summary>
internal sealed record WebUiSettings
{
    /// <summary>sFlow-RT's default page, relative to <c>/</c>.</summary>
    public const string DefaultRedirect = "./html/index.html";

    public bool Enabled { get; init; } = true;

    public string Redirect { get; init; } = DefaultRedirect;

    public static WebUiSettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var html = configuration["http:html"];
        return new WebUiSettings
        {
            Enabled = html is null || SflowRtProperties.IsYes(html),
            Redirect = configuration["http:html:redirect"] is { Length: > 0 } redirect ? redirect : DefaultRedirect,
        };
    }
}
