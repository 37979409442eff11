using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Sluice.Security;

/// <summary>Wires <see cref="HttpSecuritySettings"/> into <c>sluice serve</c>: Kestrel limits and HTTPS, then authentication.</summary>
internal static class SecurityExtensions
{
    /// <summary>
    /// Registers the settings, the authentication scheme, the request body limit and HTTPS. Call it before the
    /// endpoints are configured with <c>Listen</c>: Kestrel applies endpoint defaults (HTTPS) when an endpoint is made.
    /// </summary>
    public static HttpSecuritySettings AddSluiceSecurity(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var settings = HttpSecuritySettings.From(builder.Configuration);
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton(new HttpCredentials(settings));
        // The core services only: AddAuthentication would bring data protection, which writes a key ring to the
        // home directory at start for cookies Sluice never issues.
        builder.Services.AddWebEncoders();
        builder.Services.AddAuthenticationCore(o => o.AddScheme<SluiceAuthenticationHandler>(SluiceAuthenticationHandler.SchemeName, null));

        var certificate = settings.TlsCertificate is null ? null : TlsCertificate.Load(settings);
        if (certificate is not null)
        {
            // The slim builder leaves Kestrel's HTTPS services out until asked.
            builder.WebHost.UseKestrelHttpsConfiguration();
        }

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = settings.MaxRequestBodyBytes;
            if (certificate is not null)
            {
                kestrel.ConfigureEndpointDefaults(listen => listen.UseHttps(certificate));
            }
        });
        return settings;
    }

    /// <summary>
    /// Answers 401 (with the challenge) when <c>http.auth.scope</c> says the request needs credentials and it has no
    /// valid ones, and turns an over-long body (Kestrel's <c>http.maxbody</c> limit) or a malformed one into its 4xx.
    /// </summary>
    public static WebApplication UseSluiceSecurity(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var settings = app.Services.GetRequiredService<HttpSecuritySettings>();
        app.Use(async (context, next) =>
        {
            if (settings.RequiresCredentials(context.Request.Method))
            {
                var result = await context.AuthenticateAsync(SluiceAuthenticationHandler.SchemeName).ConfigureAwait(false);
                if (!result.Succeeded)
                {
                    await context.ChallengeAsync(SluiceAuthenticationHandler.SchemeName).ConfigureAwait(false);
                    return;
                }

                context.User = result.Principal;
            }

            if (context.Request.ContentLength > settings.MaxRequestBodyBytes)
            {
                // Refused before a byte is read; a chunked body that grows too long is caught below.
                context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                return;
            }

            try
            {
                await next(context).ConfigureAwait(false);
            }
            catch (BadHttpRequestException e) when (!context.Response.HasStarted)
            {
                context.Response.StatusCode = e.StatusCode;
            }
        });
        return app;
    }
}
