using System.CommandLine;
using Sluice.Engine.Generator;

namespace Sluice.Generate;

/// <summary>
/// <c>sluice generate</c>: a synthetic sFlow agent fleet for demos, tests and load benchmarks. Sends to loopback
/// unless <c>--allow-remote</c> is given (see <see cref="GenerateTarget"/>).
/// </summary>
internal static class GenerateCommand
{
    public static Command Create(TextWriter? errors = null)
    {
        var defaults = new FleetOptions();
        var target = new Option<string>("--target", "-t") { Description = "where to send: host:port or [v6]:port (loopback only unless --allow-remote)", DefaultValueFactory = _ => "127.0.0.1:6343" };
        var agents = new Option<int>("--agents", "-a") { Description = "switch agents", DefaultValueFactory = _ => defaults.Agents };
        var interfaces = new Option<int>("--interfaces", "-i") { Description = "interfaces per switch", DefaultValueFactory = _ => defaults.Interfaces };
        var hosts = new Option<int>("--hosts") { Description = "Host sFlow agents (host counters, containers)", DefaultValueFactory = _ => defaults.Hosts };
        var rate = new Option<double>("--rate", "-r") { Description = "datagrams per second; 0 = the fleet's natural rate", DefaultValueFactory = _ => 0 };
        var sampling = new Option<int>("--sampling", "-s") { Description = "sampling rate (1 in N) of 10G ports", DefaultValueFactory = _ => defaults.SamplingRate };
        var polling = new Option<int>("--polling") { Description = "counter polling interval, seconds", DefaultValueFactory = _ => defaults.PollingIntervalSeconds };
        var duration = new Option<double>("--duration", "-d") { Description = "seconds to send; 0 = until Ctrl+C", DefaultValueFactory = _ => 0 };
        var seed = new Option<ulong>("--seed") { Description = "seed: the same seed gives the same datagrams", DefaultValueFactory = _ => defaults.Seed };
        var pcap = new Option<string?>("--write-pcap", "-w") { Description = "write datagrams to this pcap file instead of sending" };
        var count = new Option<long>("--count", "-n") { Description = "datagrams to write with --write-pcap", DefaultValueFactory = _ => 10_000 };
        var allowRemote = new Option<bool>("--allow-remote") { Description = "allow a non-loopback target (the generator can flood a network)" };
        var attack = new Option<string?>("--attack") { Description = $"mix in a flood, KIND:ADDRESS, e.g. dns-amplification:10.0.0.1 ({string.Join(", ", AttackTraffic.Kinds)})" };
        var attackShare = new Option<double>("--attack-share") { Description = "the flood's share of the flow samples (0 to 1)", DefaultValueFactory = _ => 0.3 };
        var command = new Command("generate", "Simulate a fleet of sFlow agents: send their datagrams over UDP or write a pcap.")
        {
            target, agents, interfaces, hosts, rate, sampling, polling, duration, seed, pcap, count, allowRemote, attack, attackShare,
        };
        command.SetAction(async (result, cancel) =>
        {
            var error = errors ?? Console.Error;
            var endpoint = GenerateTarget.Parse(result.GetValue(target)!, out var problem);
            if (endpoint is null)
            {
                await error.WriteLineAsync($"sluice generate: --target {problem}").ConfigureAwait(false);
                return 2;
            }

            var seconds = result.GetValue(duration);
            if (result.GetValue(rate) < 0 || seconds < 0 || result.GetValue(count) < 0)
            {
                await error.WriteLineAsync("sluice generate: --rate, --duration and --count cannot be negative").ConfigureAwait(false);
                return 2;
            }

            AttackTraffic? flood = null;
            if (result.GetValue(attack) is { } attackText)
            {
                try
                {
                    flood = AttackTraffic.Parse(attackText, result.GetValue(attackShare));
                }
                catch (FormatException e)
                {
                    await error.WriteLineAsync($"sluice generate: --attack {e.Message}").ConfigureAwait(false);
                    return 2;
                }
            }

            var settings = new GenerateSettings
            {
                Target = endpoint,
                Fleet = defaults with
                {
                    Agents = result.GetValue(agents),
                    Interfaces = result.GetValue(interfaces),
                    Hosts = result.GetValue(hosts),
                    SamplingRate = result.GetValue(sampling),
                    PollingIntervalSeconds = result.GetValue(polling),
                    Seed = result.GetValue(seed),
                    Attack = flood,
                },
                Rate = result.GetValue(rate),
                Duration = TimeSpan.FromSeconds(seconds),
                PcapPath = result.GetValue(pcap),
                Count = result.GetValue(count),
            };
            return await GenerateProgram.RunAsync(settings, result.GetValue(allowRemote), error, cancel).ConfigureAwait(false);
        });
        return command;
    }
}
