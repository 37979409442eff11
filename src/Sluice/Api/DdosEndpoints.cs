using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Sluice.Engine.Ddos;

namespace Sluice.Api;

/// <summary>
/// The built-in DDoS protection's REST paths, where sFlow-RT's ddos-protect app serves them, so its clients work
/// unchanged: <c>controls/json</c> (GET; PUT or POST <c>{"action":"block"|"allow","id":"c0"}</c>) and a Prometheus line
/// set at <c>.../ddos.js/{any}/txt</c>; plus <c>history/json</c> (released controls) and a small HTML page.
/// </summary>
internal static class DdosEndpoints
{
    private const string Base = "/app/ddos-protect/scripts/ddos.js";

    public static IEndpointRouteBuilder MapDdosEndpoints(this IEndpointRouteBuilder routes, string prometheusPrefix)
    {
        routes.MapGet(Base + "/controls/json", (DdosProtect ddos) => TypedResults.Json(Controls(ddos.Controls())));
        routes.MapMethods(Base + "/controls/json", ["PUT", "POST"], async Task<IResult> (DdosProtect ddos, HttpRequest request) =>
        {
            try
            {
                using var body = await RequestBody.ParseJsonAsync(request).ConfigureAwait(false);
                var action = body.RootElement.TryGetProperty("action", out var a) ? a.GetString() : null;
                var id = body.RootElement.TryGetProperty("id", out var i) ? i.GetString() : null;
                var found = (action, id) switch
                {
                    ("block", { } control) => ddos.Confirm(control),
                    ("allow", { } control) => ddos.Ignore(control),
                    _ => throw new FormatException("expected {\"action\":\"block\"|\"allow\",\"id\":\"c0\"}"),
                };
                return found ? TypedResults.Json(Controls(ddos.Controls())) : TypedResults.NotFound();
            }
            catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
            {
                return TypedResults.Text(e.Message, "text/plain", statusCode: StatusCodes.Status400BadRequest);
            }
        });
        routes.MapGet(Base + "/history/json", (DdosProtect ddos) => TypedResults.Json(Controls(ddos.History())));
        routes.MapGet(Base + "/{name}/txt", (DdosProtect ddos) => TypedResults.Text(Prometheus(ddos, prometheusPrefix), "text/plain"));
        routes.MapGet("/app/ddos-protect/html/", () => TypedResults.Content(Page, "text/html"));
        routes.MapGet("/app/ddos-protect/html/index.html", () => TypedResults.Content(Page, "text/html"));
        return routes;
    }

    private static JsonObject Controls(IReadOnlyList<DdosControl> controls) => new()
    {
        ["controls"] = new JsonArray([.. controls.Select(Control)]),
    };

    private static JsonObject Control(DdosControl control) => new()
    {
        ["id"] = control.Id,
        ["target"] = control.Target,
        ["group"] = control.Group,
        ["protocol"] = control.Protocol,
        ["attack"] = control.Attack,
        ["ipversion"] = control.IpVersion,
        ["attackers"] = control.Attackers,
        ["packetsize"] = control.PacketSize,
        ["time"] = control.Time,
        ["action"] = control.Action,
        ["status"] = control.Status,
        ["announced"] = control.Announced,
        ["released"] = control.Released,
        ["rule"] = control.Rule,
        ["thresholdID"] = control.ThresholdId,
        ["agent"] = control.Agent,
        ["dataSource"] = control.DataSource,
        ["flowKey"] = control.FlowKey,
    };

    private static string Prometheus(DdosProtect ddos, string prefix)
    {
        var controls = ddos.Controls();
        var text = new StringBuilder();
        void Line(string name, int value) => text.Append(CultureInfo.InvariantCulture, $"{prefix}{name} {value}\n");
        Line("ddos_protect_controls{status=\"active\"}", controls.Count(c => c.Status == "blocked"));
        Line("ddos_protect_controls{status=\"failed\"}", controls.Count(c => c.Status == "failed"));
        Line("ddos_protect_controls{status=\"pending\"}", controls.Count(c => c.Status == "pending"));
        Line("ddos_protect_connections_current", ddos.ConnectedRouters);
        Line("ddos_protect_connections_configured", ddos.Options.Routers.Count);
        return text.ToString();
    }

    /// <summary>Active and past controls, refreshed every two seconds from the JSON above.</summary>
    private const string Page = """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>DDoS protection</title>
        <style>body{font-family:sans-serif;margin:1em}table{border-collapse:collapse;margin-bottom:2em}td,th{border:1px solid #ccc;padding:.2em .5em;text-align:left}</style>
        </head><body>
        <h1>DDoS protection</h1>
        <h2>Active controls</h2><table id="active"></table>
        <h2>Past controls</h2><table id="past"></table>
        <script>
        const columns = ['id', 'time', 'attack', 'target', 'group', 'protocol', 'attackers', 'packetsize', 'action', 'status', 'released', 'rule'];
        function cell(name, value) {
          if (value === null || value === undefined) return '';
          if (name === 'time' || name === 'released') return new Date(value).toISOString();
          if (typeof value === 'number') return Math.round(value).toString();
          return String(value);
        }
        function fill(id, controls) {
          const table = document.getElementById(id);
          table.replaceChildren();
          const head = table.insertRow();
          for (const name of columns) { const th = document.createElement('th'); th.textContent = name; head.appendChild(th); }
          for (const control of controls) {
            const row = table.insertRow();
            for (const name of columns) row.insertCell().textContent = cell(name, control[name]);
          }
        }
        async function refresh() {
          try {
            const active = await (await fetch('../scripts/ddos.js/controls/json')).json();
            const past = await (await fetch('../scripts/ddos.js/history/json')).json();
            fill('active', active.controls);
            fill('past', past.controls);
          } catch (e) { console.log(e); }
        }
        refresh();
        setInterval(refresh, 2000);
        </script>
        </body></html>
        """;
}
