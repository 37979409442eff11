using Jint;
using Jint.Native;
using Microsoft.Extensions.Logging;
using Sluice.Scripting.Runtime;

namespace Sluice.Scripting.Api;

/// <summary>
/// Server and utility functions (sflow-rt-api.md §6.3): <c>getSystemProperty</c>, <c>getSystemPropertyNames</c>,
/// <c>version</c>, <c>analyzer</c>, <c>logInfo</c>/<c>logWarning</c>/<c>logSevere</c>, <c>include</c>, <c>scriptdir</c>,
/// <c>formatNumber</c>.
/// </summary>
internal static partial class ServerFunctions
{
    public static void Register(ApiTarget api, ScriptRuntime script)
    {
        var engine = script.Engine;
        var host = script.Services.Host;
        api.Add("getSystemProperty", a => host.GetProperty(Args.Text(engine, a, 0, "getSystemProperty")) is { } value ? value : JsValue.Null);
        api.Add("getSystemPropertyNames", _ => new JsArray(engine, [.. host.PropertyNames().Select(n => (JsValue)n)]));
        api.Add("version", _ => host.Version);
        api.Add("analyzer", _ => JsonBridge.ToJs(engine, host.Analyzer()));
        var log = script.Log;
        api.Add("logInfo", a => Log(log, LogLevel.Information, script.Key, a));
        api.Add("logWarning", a => Log(log, LogLevel.Warning, script.Key, a));
        api.Add("logSevere", a => Log(log, LogLevel.Error, script.Key, a));
        api.Add("scriptdir", _ => script.Directory);
        api.Add("include", a =>
        {
            var path = Args.Text(engine, a, 0, "include");
            var root = Path.GetFullPath(script.Directory) + Path.DirectorySeparatorChar;
            var full = Path.GetFullPath(Path.IsPathRooted(path) ? path : Path.Combine(root, path));
            if (!full.StartsWith(root, StringComparison.Ordinal))
            {
                // The sandbox: a script reads no files but its own folder's (docs/security.md).
                throw Args.Fail(engine, $"include: {path} is outside the script's folder");
            }

            if (!File.Exists(full))
            {
                throw Args.Fail(engine, $"include: {path} not found");
            }

            script.Include(full);
        });
        api.Add("formatNumber", a =>
        {
            try
            {
                return DecimalFormat.Format(Args.Number(a, 0, double.NaN), Args.Text(engine, a, 1, "formatNumber"));
            }
            catch (FormatException e)
            {
                throw Args.Fail(engine, e.Message);
            }
        });
    }

    private static void Log(ILogger log, LogLevel level, string script, JsValue[] arguments)
    {
        if (!log.IsEnabled(level))
        {
            return;
        }

        var message = Args.ToText(Args.At(arguments, 0));
        switch (level)
        {
            case LogLevel.Information:
                LogInfo(log, script, message);
                break;
            case LogLevel.Warning:
                LogWarning(log, script, message);
                break;
            default:
                LogSevere(log, script, message);
                break;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Script}: {Message}")]
    private static partial void LogInfo(ILogger logger, string script, string message);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Script}: {Message}")]
    private static partial void LogWarning(ILogger logger, string script, string message);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Script}: {Message}")]
    private static partial void LogSevere(ILogger logger, string script, string message);
}
