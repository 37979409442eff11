using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Sluice.Engine;
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

    public EngineService(SluiceEngine engine, ServeSettings settings, ILogger<EngineService> logger)
    {
        _engine = engine;
        _settings = settings;
        _logger = logger;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
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

        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _replay.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Replaying {File} at speed {Speed}")]
    private static partial void LogReplaying(ILogger logger, string file, double speed);
}
