using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Sluice.Serve;
using Sluice.Tests.Serve;
using Xunit;

namespace Sluice.Tests.Security;

/// <summary><c>http.auth.*</c>: bearer token and basic credentials for writes or for everything, 401 with a challenge otherwise.</summary>
public sealed class HttpAuthenticationTests
{
    private const string Flow = """{"keys":"ipsource","value":"bytes"}""";

    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    private static HttpRequestMessage Put(string path, string body, AuthenticationHeaderValue? authorization = null) =>
        new(HttpMethod.Put, path) { Content = Json(body), Headers = { Authorization = authorization } };

    private static AuthenticationHeaderValue Basic(string user, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));

    [Fact]
    public async Task Put_TokenScopeWrite_NeedsTheTokenWhileReadsStayOpen()
    {
        await using var host = await ServeTestHost.StartAsync(("http:auth:token", "s3cret-token"));

        using var anonymous = await host.Http.SendAsync(Put("/flow/f/json", Flow), TestContext.Current.CancellationToken);
        using var wrong = await host.Http.SendAsync(Put("/flow/f/json", Flow, new AuthenticationHeaderValue("Bearer", "s3cret-tokex")), TestContext.Current.CancellationToken);
        using var right = await host.Http.SendAsync(Put("/flow/f/json", Flow, new AuthenticationHeaderValue("Bearer", "s3cret-token")), TestContext.Current.CancellationToken);
        using var read = await host.Http.GetAsync(new Uri("/flow/json", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("Bearer realm=\"sluice\"", Assert.Single(anonymous.Headers.WwwAuthenticate).ToString());
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, right.StatusCode);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Contains("\"f\"", await read.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delete_WrongToken_IsRefusedAndTheFlowStays()
    {
        await using var host = await ServeTestHost.StartAsync(("http:auth:token", "t0ken"));
        using var created = await host.Http.SendAsync(Put("/flow/f/json", Flow, new AuthenticationHeaderValue("Bearer", "t0ken")), TestContext.Current.CancellationToken);

        using var delete = new HttpRequestMessage(HttpMethod.Delete, "/flow/f/json") { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", "t0ke") } };
        using var refused = await host.Http.SendAsync(delete, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NoContent, created.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.NotNull(host.Engine.Flows.TryGet("f"));
    }

    [Fact]
    public async Task Get_BasicScopeAll_EveryPathNeedsTheUserIncludingUnknownOnes()
    {
        await using var host = await ServeTestHost.StartAsync(("http:auth:user", "ops"), ("http:auth:password", "pa:ss wörd"), ("http:auth:scope", "all"));

        using var anonymous = await host.Http.GetAsync(new Uri("/analyzer/json", UriKind.Relative), TestContext.Current.CancellationToken);
        using var page = await host.Http.GetAsync(new Uri("/html/index.html", UriKind.Relative), TestContext.Current.CancellationToken);
        using var wrongPassword = await host.Http.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/analyzer/json") { Headers = { Authorization = Basic("ops", "pa:ss word") } }, TestContext.Current.CancellationToken);
        using var wrongUser = await host.Http.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/analyzer/json") { Headers = { Authorization = Basic("op", "pa:ss wörd") } }, TestContext.Current.CancellationToken);
        using var garbage = await host.Http.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/analyzer/json") { Headers = { Authorization = new AuthenticationHeaderValue("Basic", "%%%") } }, TestContext.Current.CancellationToken);
        using var right = await host.Http.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/analyzer/json") { Headers = { Authorization = Basic("ops", "pa:ss wörd") } }, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.StartsWith("Basic realm=\"sluice\"", Assert.Single(anonymous.Headers.WwwAuthenticate).ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, page.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongPassword.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongUser.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, garbage.StatusCode);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
    }

    [Fact]
    public async Task Put_TokenAndUserBothConfigured_EitherIsAcceptedAndBothAreChallenged()
    {
        await using var host = await ServeTestHost.StartAsync(("http:auth:token", "tok"), ("http:auth:user", "u"), ("http:auth:password", "p"));

        using var anonymous = await host.Http.SendAsync(Put("/flow/a/json", Flow), TestContext.Current.CancellationToken);
        using var token = await host.Http.SendAsync(Put("/flow/a/json", Flow, new AuthenticationHeaderValue("Bearer", "tok")), TestContext.Current.CancellationToken);
        using var basic = await host.Http.SendAsync(Put("/flow/b/json", Flow, Basic("u", "p")), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(2, anonymous.Headers.WwwAuthenticate.Count);
        Assert.Equal(HttpStatusCode.NoContent, token.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, basic.StatusCode);
    }

    [Theory]
    [InlineData("http:auth:user", "ops")]
    [InlineData("http:auth:password", "secret")]
    [InlineData("http:auth:scope", "all")]
    [InlineData("http:tls:key", "/tmp/key.pem")]
    [InlineData("http:maxbody", "-1")]
    public void Build_IncompleteSecuritySetting_RefusesToStart(string key, string value)
    {
        var properties = new Dictionary<string, string?> { ["http:port"] = "0", ["sflow:port"] = "0", [key] = value };

        var error = Assert.Throws<FormatException>(() => ServeHost.Build(properties));

        Assert.Contains(key.Split(':')[^1], error.Message, StringComparison.Ordinal);
    }
}
