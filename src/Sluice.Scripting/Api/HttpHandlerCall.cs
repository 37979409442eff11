using Jint;
using Jint.Native;
using Jint.Runtime;
using Sluice.Scripting.Hosting;
using Sluice.Scripting.Runtime;

namespace Sluice.Scripting.Api;

/// <summary>
/// One call of a script's <c>setHttpHandler</c> function (sflow-rt-api.md §6.2): the <c>req</c> object in, and the
/// answer out. An object or array answers JSON; a string answers text (JSON-quoted when the format is <c>json</c>);
/// nothing answers 204. A thrown <c>'not_found'</c> is 404, <c>'bad_request'</c> 400, <c>'forbidden'</c> 403,
/// <c>'internal_server_error'</c> 500, <c>'service_unavailable'</c> 503; any other thrown string (an app's own
/// <c>'bad_value'</c>) is 400 with that text, and a thrown Error object (a bug in the script) is 500.
/// </summary>
internal static class HttpHandlerCall
{
    public static ScriptHttpResponse Invoke(JsEngine engine, JsValue handler, ScriptHttpRequest request)
    {
        JsValue result;
        try
        {
            result = engine.Call(handler, JsValue.Undefined, [Request(engine, request)]);
        }
        catch (JavaScriptException e)
        {
            return Thrown(e);
        }

        return Answer(engine, result, request.Format);
    }

    public static JsValue Request(JsEngine engine, ScriptHttpRequest request)
    {
        var req = new JsObject(engine);
        req.FastSetDataProperty("path", new JsArray(engine, [.. request.Path.Select(p => (JsValue)p)]));
        req.FastSetDataProperty("format", request.Format);
        req.FastSetDataProperty("method", request.Method.ToUpperInvariant());
        var query = new JsObject(engine);
        foreach (var (name, values) in request.Query)
        {
            query.FastSetDataProperty(name, new JsArray(engine, [.. values.Select(v => (JsValue)v)]));
        }

        req.FastSetDataProperty("query", query);
        if (!string.IsNullOrEmpty(request.Body))
        {
            try
            {
                req.FastSetDataProperty("body", JsonBridge.Parse(engine, request.Body));
            }
            catch (JavaScriptException e)
            {
                // sFlow-RT marks a body that is not JSON with req.error and keeps the text.
                req.FastSetDataProperty("body", request.Body);
                req.FastSetDataProperty("error", e.Message);
            }
        }

        return req;
    }

    private static ScriptHttpResponse Answer(JsEngine engine, JsValue result, string format)
    {
        if (result.IsUndefined() || result.IsNull())
        {
            return ScriptHttpResponse.NoContent;
        }

        var json = string.Equals(format, "json", StringComparison.OrdinalIgnoreCase);
        if (result.IsString() && !json)
        {
            var type = string.Equals(format, "html", StringComparison.OrdinalIgnoreCase) ? "text/html" : ScriptHttpResponse.Text;
            return new ScriptHttpResponse(200, type, result.AsString());
        }

        var text = JsonBridge.Stringify(engine, result);
        return text is null ? ScriptHttpResponse.NoContent : new ScriptHttpResponse(200, ScriptHttpResponse.Json, text);
    }

    private static ScriptHttpResponse Thrown(JavaScriptException e)
    {
        if (!e.Error.IsString())
        {
            return ScriptHttpResponse.Error(500, "internal_server_error: " + e.Message);
        }

        var code = e.Error.AsString();
        var status = code switch
        {
            "not_found" => 404,
            "bad_request" => 400,
            "forbidden" => 403,
            "internal_server_error" => 500,
            "service_unavailable" => 503,
            _ => 400,
        };
        return ScriptHttpResponse.Error(status, code);
    }
}
