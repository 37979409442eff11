using Jint.Native;
using Sluice.Scripting.Runtime;

namespace Sluice.Scripting.Api;

/// <summary>
/// <c>baselineCreate(name, window?, sensitivity?, repeat?)</c> (defaults 100, 2, 3), <c>baselineCheck(name, value)</c>,
/// <c>baselineStatistics(name)</c> and <c>baselineReset(name)</c>; see <see cref="Baseline"/> for what they compute.
/// </summary>
internal static class BaselineFunctions
{
    /// <summary>Baselines one script may keep.</summary>
    public const int MaxBaselines = 10_000;

    public static void Register(ApiTarget api, ScriptRuntime script)
    {
        var engine = script.Engine;
        var baselines = script.Baselines;
        api.Add("baselineCreate", a =>
        {
            var name = Args.Text(engine, a, 0, "baselineCreate");
            if (baselines.Count >= MaxBaselines && !baselines.ContainsKey(name))
            {
                throw Args.Fail(engine, $"baselineCreate: too many baselines ({MaxBaselines})");
            }

            baselines[name] = new Baseline((int)Args.Number(a, 1, 100), Args.Number(a, 2, 2), (int)Args.Number(a, 3, 3));
        });
        api.Add("baselineCheck", a =>
        {
            var name = Args.Text(engine, a, 0, "baselineCheck");
            return baselines.TryGetValue(name, out var baseline)
                ? baseline.Check(Args.Number(a, 1, double.NaN))
                : throw Args.Fail(engine, $"baselineCheck: no baseline '{name}' (baselineCreate first)");
        });
        api.Add("baselineStatistics", a =>
        {
            if (!baselines.TryGetValue(Args.Text(engine, a, 0, "baselineStatistics"), out var baseline) || baseline.Count == 0)
            {
                return JsValue.Null;
            }

            var (mean, sdev, min, max) = baseline.Statistics();
            return JsonBridge.ToJs(engine, new Dictionary<string, double>
            {
                ["mean"] = mean,
                ["sdev"] = sdev,
                ["min"] = min,
                ["max"] = max,
                ["n"] = baseline.Count,
                ["window"] = baseline.Window,
                ["sensitivity"] = baseline.Sensitivity,
                ["repeat"] = baseline.Repeat,
            });
        });
        api.Add("baselineReset", a =>
        {
            if (baselines.TryGetValue(Args.Text(engine, a, 0, "baselineReset"), out var baseline))
            {
                baseline.Reset();
            }
        });
    }
}
