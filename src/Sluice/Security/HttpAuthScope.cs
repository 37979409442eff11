namespace Sluice.Security;

/// <summary>What <c>http.auth.scope</c> protects with the configured credentials.</summary>
internal enum HttpAuthScope
{
    /// <summary>Only requests that change something (every method but GET and HEAD); dashboards read freely.</summary>
    Write,

    /// <summary>Every request, reads, the UI and Prometheus scrapes included.</summary>
    All,
}
