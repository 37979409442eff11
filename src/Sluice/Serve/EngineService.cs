using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Sluice.Engine;
using Sluice.Engine.Generator;
using Sluice.Engine.Ingest;

namespace Sluice.Serve;

/// <summary>Runs the engine with the host: listens for sFlow (or replays a capture), and stops cleanly.</summary>
internal sealed partial class EngineService : IHostedService, IAsyncDisposable
{
    private readonly SluiceEngine _engine;
    private readonly ServeSettings _settings;
    private readonly ILogger<EngineService> _logger;
    private readonly CancellationTokenSource _stop = new();
    private Task _replay = Task.CompletedTask;
    private Task _demo = Task.CompletedTask;

    public EngineService(SluiceEngine engine, ServeSettings settings, ILogger<EngineService> logger)
    {
        _engine = engine;
        _settings = settings;
        _logger = logger;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (_engine.Topology.LoadError is { } error)
        {
            LogTopologyNotLoaded(_logger, error);
        }

        var replay = !string.IsNullOrEmpty(_settings.ReplayFile);
        _engine.Start(listen: !replay);
        if (_engine.Receiver is { } receiver)
        {
            LogListening(_logger, receiver.LocalEndPoint, receiver.ReceiveBufferBytes);
        }

        if (replay)
        {
            var file = _settings.ReplayFile!;
            LogReplaying(_logger, file, _settings.ReplaySpeed);
            _replay = Task.Run(() => new PcapReplay(file, _settings.ReplaySpeed).RunAsync(_engine.Ingest, _stop.Token), CancellationToken.None);
        }

        if (_settings.Demo)
        {
            // A small fleet at its natural pace: switches, hosts and containers, sent straight to the engine.
            var fleet = new AgentFleet(new FleetOptions { Agents = 4, Interfaces = 24, Hosts = 2, PollingIntervalSeconds = 10, SamplingRate = 4000 });
            LogDemo(_logger, fleet.AgentCount, fleet.NaturalDatagramsPerSecond);
            _demo = FleetRunner.RunAsync(fleet, _engine.Ingest, 0, TimeSpan.Zero, _stop.Token); // zero duration: until stopped
        }

        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        foreach (var task in new[] { _replay, _demo })
        {
            try
            {
                await task.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
        }
    }

    // The engine itself belongs to the service container, which disposes it.
    public ValueTask DisposeAsync()
    {
        _stop.Dispose();
        return ValueTask.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Listening for sFlow on {Endpoint} (receive buffer {Bytes} bytes)")]
    private static partial void LogListening(ILogger logger, System.Net.IPEndPoint endpoint, int bytes);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo: {Agents} simulated agents sending about {Rate:F0} datagrams/s to the engine")]
    private static partial void LogDemo(ILogger logger, int agents, double rate);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stored topology not loaded: {Error}")]
    private static partial void LogTopologyNotLoaded(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Replaying {File} at speed {Speed}")]
    private static partial void LogReplaying(ILogger logger, string file, double speed);
}
