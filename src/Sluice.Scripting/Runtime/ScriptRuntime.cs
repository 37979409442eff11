using System.Collections.Concurrent;
using System.Diagnostics;
using Jint;
using Jint.Native;
using Jint.Runtime;
using Microsoft.Extensions.Logging;
using Sluice.Scripting.Api;
using Sluice.Scripting.Hosting;
using Sluice.Scripting.Services;

namespace Sluice.Scripting.Runtime;

/// <summary>
/// One running script (sflow-rt-api.md §6.1): its own thread and Jint engine; the top level runs first, then every
/// callback (interval ticks, flow records, events, HTTP requests, <c>httpAsync</c> completions) is queued and run one at a
/// time on that thread, each under <see cref="ScriptLimits"/>. A callback past its limits stops the script, which is then
/// reported with file and line; an ordinary error in a callback is logged and the script carries on.
/// </summary>
public sealed partial class ScriptRuntime : IDisposable
{
    private readonly ScriptingOptions _options;
    private readonly BlockingCollection<WorkItem> _queue;
    private readonly CallbackLimits _limits;
    private readonly ILogger _log;
    private readonly TaskCompletionSource _loaded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<IDisposable> _subscriptions = [];
    private Thread? _thread;
    private JsEngine? _engine;
    private Timer? _interval;
    private JsValue? _intervalHandler;
    private JsValue? _httpHandler;
    private int _intervalPending;
    private int _disposed;
    private long _flowsReceived;
    private long _flowsLost;
    private long _eventsReceived;
    private long _eventsLost;
    private long _requestsReceived;
    private long _requestsLost;
    private long _busyTicks;
    private volatile bool _alive;
    private volatile bool _gracefulExit;
    private volatile string? _error;

    public ScriptRuntime(string key, string path, string? appName, ScriptServices services, ScriptStores stores, ScriptingOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        Key = key;
        Path = System.IO.Path.GetFullPath(path);
        AppName = appName;
        Services = services;
        Stores = stores;
        _options = options;
        _queue = new BlockingCollection<WorkItem>(Math.Max(1, options.QueueCapacity));
        _limits = new CallbackLimits(options.Limits);
        _log = services.Logging.CreateLogger("Sluice.Scripting");
    }

    /// <summary>The name in <c>/scripts/json</c> and <c>/apps/json</c>: <c>app/NAME/scripts/FILE.js</c>, or the <c>script.file</c> path.</summary>
    public string Key { get; }

    public string Path { get; }

    public string? AppName { get; }

    /// <summary>The directory <c>scriptdir()</c> answers.</summary>
    public string Directory => System.IO.Path.GetDirectoryName(Path)!;

    /// <summary>The scope of <c>storeGet</c>/<c>storeSet</c>: the app, or the standalone script's file name.</summary>
    public string StoreScope => AppName ?? System.IO.Path.GetFileNameWithoutExtension(Path);

    public bool Alive => _alive;

    public string? Error => _error;

    /// <summary>Completes once the top level has run (or failed).</summary>
    public Task Loaded => _loaded.Task;

    internal ScriptServices Services { get; }

    internal ScriptStores Stores { get; }

    /// <summary>The script's engine; only for code on the script's thread.</summary>
    internal JsEngine Engine => _engine ?? throw new InvalidOperationException("the script has not started");

    internal ILogger Log => _log;

    internal Baselines Baselines { get; } = new();

    public ScriptStatus Status() => new()
    {
        FlowsReceived = Interlocked.Read(ref _flowsReceived),
        FlowsLost = Interlocked.Read(ref _flowsLost),
        EventsReceived = Interlocked.Read(ref _eventsReceived),
        EventsLost = Interlocked.Read(ref _eventsLost),
        RequestsReceived = Interlocked.Read(ref _requestsReceived),
        RequestsLost = Interlocked.Read(ref _requestsLost),
        CpuMs = (long)Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _busyTicks)).TotalMilliseconds,
        Alive = _alive,
        GracefulExit = _gracefulExit,
        Error = _error,
    };

    /// <summary>Starts the script's thread, which loads the script and then serves its callbacks.</summary>
    public void Start()
    {
        _alive = true;
        _thread = new Thread(Run, _options.Limits.StackBytes) { IsBackground = true, Name = "script " + Key };
        _thread.Start();
    }

    /// <summary>Hands a request to the script's HTTP handler and waits for its answer.</summary>
    public Task<ScriptHttpResponse> HandleAsync(ScriptHttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        Interlocked.Increment(ref _requestsReceived);
        var answer = new TaskCompletionSource<ScriptHttpResponse>(TaskCreationOptions.RunContinuationsAsynchronously);
        var unavailable = ScriptHttpResponse.Error(503, "script unavailable: " + (_error ?? "stopped"));
        if (!Post(() => answer.TrySetResult(Respond(request)), () => answer.TrySetResult(unavailable), WorkKind.Request))
        {
            answer.TrySetResult(unavailable);
        }

        return answer.Task;
    }

    /// <summary>Queues a callback; false (and counted as lost) when the queue is full or the script has stopped.</summary>
    internal bool Post(Action run, Action? abandon, WorkKind kind)
    {
        bool posted;
        try
        {
            posted = _alive && _queue.TryAdd(new WorkItem(run, abandon));
        }
        catch (Exception e) when (e is InvalidOperationException or ObjectDisposedException)
        {
            posted = false; // stopped meanwhile
        }

        if (!posted)
        {
            switch (kind)
            {
                case WorkKind.Flow:
                    Interlocked.Increment(ref _flowsLost);
                    break;
                case WorkKind.Event:
                    Interlocked.Increment(ref _eventsLost);
                    break;
                case WorkKind.Request:
                    Interlocked.Increment(ref _requestsLost);
                    break;
            }
        }

        return posted;
    }

    /// <summary>A script callback run as its own unit of work, e.g. <c>httpAsync</c>'s <c>success</c>.</summary>
    internal bool PostCall(JsValue function, Func<JsValue[]> arguments) =>
        Post(() => Guard(() => Engine.Call(function, JsValue.Undefined, arguments())), null, WorkKind.Other);

    /// <summary>Time blocked in a host call does not count against the callback's time limit.</summary>
    internal T Blocking<T>(Func<T> call)
    {
        var start = Stopwatch.GetTimestamp();
        try
        {
            return call();
        }
        finally
        {
            _limits.Excuse(Stopwatch.GetTimestamp() - start);
        }
    }

    internal void SetIntervalHandler(JsValue handler, double seconds)
    {
        _intervalHandler = handler;
        var period = TimeSpan.FromSeconds(Math.Max(0.1, seconds));
        _interval?.Dispose();
        _interval = new Timer(_ => Tick(), null, period, period);
    }

    internal void SetHttpHandler(JsValue handler) => _httpHandler = handler;

    internal void SetFlowHandler(IFlowRecordSource source, JsValue handler, IReadOnlyCollection<string>? names) =>
        Keep(source.Subscribe(names, record =>
        {
            Interlocked.Increment(ref _flowsReceived);
            Post(() => Guard(() => Engine.Call(handler, JsValue.Undefined, [RecordObjects.Flow(Engine, record)])), null, WorkKind.Flow);
        }));

    internal void SetEventHandler(IThresholdService source, JsValue handler, IReadOnlyCollection<string>? thresholdIds) =>
        Keep(source.Subscribe(thresholdIds, evt =>
        {
            Interlocked.Increment(ref _eventsReceived);
            Post(() => Guard(() => Engine.Call(handler, JsValue.Undefined, [RecordObjects.Event(Engine, evt)])), null, WorkKind.Event);
        }));

    private void Keep(IDisposable subscription)
    {
        lock (_subscriptions)
        {
            if (_alive)
            {
                _subscriptions.Add(subscription);
                return;
            }
        }

        subscription.Dispose();
    }

    /// <summary>Runs <paramref name="path"/> in this script's engine (<c>include</c>), with its own name in error locations.</summary>
    internal void Include(string path)
    {
        var source = ScriptSource.Load(path);
        Engine.Execute(source.Text, source.Path);
    }

    /// <summary>Stops the script at shutdown: a graceful exit.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        if (_alive)
        {
            _gracefulExit = _error is null;
        }

        Shutdown();
        // A callback still running (it will hit its time limit) keeps the queue: disposing it under the thread would fault it.
        if (_thread is null || _thread.Join(TimeSpan.FromSeconds(5)))
        {
            _queue.Dispose();
        }
    }

    private void Run()
    {
        try
        {
            var source = ScriptSource.Load(Path);
            _engine = new JsEngine(o => o.Constraint(_limits).LimitRecursion(_options.Limits.MaxCallDepth));
            ScriptApi.Install(this, source.WrapGlobals);
            _engine.Execute(NashornRewriter.EachHelper, "sluice-prelude.js");
            Guard(() => _engine.Execute(source.Text, Key), fatal: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Fail($"{Key}#0 {e.Message}");
        }
        finally
        {
            _loaded.TrySetResult();
        }

        foreach (var item in _queue.GetConsumingEnumerable())
        {
            if (_alive)
            {
                item.Run();
            }
            else
            {
                item.Abandon?.Invoke();
            }
        }
    }

    private void Tick()
    {
        // One tick waits at a time: a slow handler skips ticks rather than piling them up.
        if (Interlocked.Exchange(ref _intervalPending, 1) == 0 && !Post(RunInterval, null, WorkKind.Other))
        {
            Interlocked.Exchange(ref _intervalPending, 0);
        }
    }

    private void RunInterval()
    {
        Interlocked.Exchange(ref _intervalPending, 0);
        if (_intervalHandler is { } handler)
        {
            Guard(() => Engine.Call(handler, JsValue.Undefined, [DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()]));
        }
    }

    private ScriptHttpResponse Respond(ScriptHttpRequest request)
    {
        if (_httpHandler is not { } handler)
        {
            return ScriptHttpResponse.Error(404, "not_found: the script has no HTTP handler");
        }

        ScriptHttpResponse? response = null;
        var ran = Guard(() => response = HttpHandlerCall.Invoke(Engine, handler, request), fatal: false, log: false);
        return response ?? (ran ? ScriptHttpResponse.NoContent : ScriptHttpResponse.Error(500, "internal_server_error: " + (_error ?? "the handler failed")));
    }

    /// <summary>
    /// Runs one callback under fresh limits. Past a limit (or any error at the top level, <paramref name="fatal"/>), the
    /// script stops; otherwise a script error is logged and the script carries on.
    /// </summary>
    private bool Guard(Action callback, bool fatal = false, bool log = true)
    {
        _limits.Begin();
        var start = Stopwatch.GetTimestamp();
        try
        {
            callback();
            return true;
        }
        catch (Exception e) when (IsLimit(e) || fatal)
        {
            Fail(ScriptErrors.Describe(e, Key, _engine));
            return false;
        }
        catch (Exception e)
        {
            // Whatever a callback throws stays with its script: the thread, and the process, go on.
            if (log)
            {
                LogCallbackError(_log, Key, ScriptErrors.Describe(e, Key, _engine));
            }

            return false;
        }
        finally
        {
            Interlocked.Add(ref _busyTicks, Stopwatch.GetTimestamp() - start);
        }
    }

    private static bool IsLimit(Exception e) =>
        e is ScriptLimitException or RecursionDepthOverflowException or StatementsCountOverflowException or MemoryLimitExceededException
            or InsufficientExecutionStackException;

    private void Fail(string error)
    {
        _error = error;
        _gracefulExit = false;
        LogScriptStopped(_log, Key, error);
        Shutdown();
    }

    private void Shutdown()
    {
        _alive = false;
        _interval?.Dispose();
        IDisposable[] subscriptions;
        lock (_subscriptions)
        {
            subscriptions = [.. _subscriptions];
            _subscriptions.Clear();
        }

        foreach (var subscription in subscriptions)
        {
            subscription.Dispose();
        }

        if (!_queue.IsAddingCompleted)
        {
            try
            {
                _queue.CompleteAdding();
            }
            catch (ObjectDisposedException)
            {
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Script}: {Error}")]
    private static partial void LogCallbackError(ILogger logger, string script, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Script} stopped: {Error}")]
    private static partial void LogScriptStopped(ILogger logger, string script, string error);
}
