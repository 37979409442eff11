using System.CommandLine;
using Microsoft.Extensions.Hosting;
using Sluice.Configuration;

namespace Sluice.Serve;

/// <summary>
/// <c>sluice serve</c> (also what <c>sluice</c> alone runs): the analytics engine with the sFlow-RT REST API on
/// port 8008. Accepts sFlow-RT's <c>-Dname=value</c> properties as they are.
/// </summary>
internal static class ServeCommand
{
    public static Command Create() => Configure(new Command("serve", "Run the engine: receive sFlow, serve the REST API, Prometheus and the UI (the default command)."));

    /// <summary>Adds serve's options and action to <paramref name="command"/> (the root command gets them too).</summary>
    public static TCommand Configure<TCommand>(TCommand command)
        where TCommand : Command
    {
        var demo = new Option<bool>("--demo") { Description = "run a built-in fleet of demo agents in the process (no network equipment needed)" };
        var replay = new Option<string?>("--replay") { Description = "replay this pcap of sFlow instead of listening (same as -Dsflow.file=...)" };
        var speed = new Option<double?>("--speed") { Description = "replay pace: 1 = as recorded (default), 10 = ten times faster, 0 = as fast as possible" };
        command.Options.Add(demo);
        command.Options.Add(replay);
        command.Options.Add(speed);
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (result, cancel) =>
        {
            var (properties, rest) = SflowRtProperties.Parse(result.UnmatchedTokens);
            if (rest.Count > 0)
            {
                await Console.Error.WriteLineAsync($"sluice serve: unknown arguments: {string.Join(' ', rest)}").ConfigureAwait(false);
                return 2;
            }

            if (result.GetValue(demo))
            {
                properties["demo"] = "yes";
            }

            if (result.GetValue(replay) is { } file)
            {
                properties["sflow:file"] = file;
            }

            if (result.GetValue(speed) is { } pace)
            {
                properties["sflow:file:speed"] = pace.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            Microsoft.AspNetCore.Builder.WebApplication app;
            try
            {
                app = ServeHost.Build(properties);
            }
            catch (FormatException error)
            {
                // A property Sluice cannot honour (e.g. snmp.version=3): say which, once, instead of a stack trace.
                await Console.Error.WriteLineAsync($"sluice: {error.Message}").ConfigureAwait(false);
                return 2;
            }

            await app.StartAsync(cancel).ConfigureAwait(false);
            await app.WaitForShutdownAsync(cancel).ConfigureAwait(false);
            return 0;
        });
        return command;
    }
}
