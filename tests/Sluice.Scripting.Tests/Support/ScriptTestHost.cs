using Sluice.Engine;
using Sluice.Scripting.Hosting;
using Sluice.Scripting.Runtime;
using Sluice.Scripting.Services;

namespace Sluice.Scripting.Tests.Support;

/// <summary>Apps in a temporary directory, run by an <see cref="AppHost"/> over an engine that is not listening.</summary>
internal sealed class ScriptTestHost : IAsyncDisposable
{
    private readonly bool _ownsRoot;

    private ScriptTestHost(string root, bool ownsRoot, SluiceEngine engine, TestScriptHost host, AppHost apps)
    {
        Root = root;
        _ownsRoot = ownsRoot;
        Engine = engine;
        Host = host;
        Apps = apps;
    }

    public string Root { get; }

    public SluiceEngine Engine { get; }

    public TestScriptHost Host { get; }

    public AppHost Apps { get; }

    /// <summary>
    /// Writes <paramref name="files"/> (paths relative to <paramref name="root"/>, else a new temporary directory that is
    /// deleted at dispose), then starts every app there.
    /// </summary>
    public static async Task<ScriptTestHost> StartAsync(
        IReadOnlyDictionary<string, string> files,
        Func<ScriptServices, ScriptServices>? bind = null,
        ScriptLimits? limits = null,
        string? scriptFile = null,
        string? root = null,
        IReadOnlyDictionary<string, string>? properties = null,
        int queueCapacity = 10_000)
    {
        var ownsRoot = root is null;
        root ??= Directory.CreateTempSubdirectory("sluice-scripts-").FullName;
        foreach (var (path, text) in files)
        {
            var full = Path.Combine(root, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            await File.WriteAllTextAsync(full, text);
        }

        var engine = new SluiceEngine(new EngineOptions { Shards = 1 });
        engine.Start(listen: false);
        var host = new TestScriptHost(engine, properties ?? new Dictionary<string, string>());
        var services = new ScriptServices { Engine = engine, Host = host };
        var options = new ScriptingOptions
        {
            AppDirectory = Path.Combine(root, "app"),
            StoreDirectory = Path.Combine(root, "store"),
            ScriptFile = scriptFile is null ? null : Path.Combine(root, scriptFile),
            Limits = limits ?? new ScriptLimits(),
            QueueCapacity = queueCapacity,
        };
        var apps = new AppHost(options, bind?.Invoke(services) ?? services);
        apps.Start();
        await apps.LoadedAsync().WaitAsync(TimeSpan.FromSeconds(60));
        return new ScriptTestHost(root, ownsRoot, engine, host, apps);
    }

    public ScriptRuntime Script(string app, string file) => Apps.FindScript(app, file) ?? throw new InvalidOperationException($"no script {app}/{file}");

    /// <summary>A GET (or other) request to a script's HTTP handler.</summary>
    public Task<ScriptHttpResponse> RequestAsync(string app, string file, string rest, string method = "GET", string? body = null, Dictionary<string, IReadOnlyList<string>>? query = null)
    {
        var (path, format) = ScriptHttpRequest.SplitPath(rest);
        return Script(app, file).HandleAsync(new ScriptHttpRequest { Method = method, Path = path, Format = format, Body = body, Query = query ?? [] })
            .WaitAsync(TimeSpan.FromSeconds(60));
    }

    public async ValueTask DisposeAsync()
    {
        Apps.Dispose();
        await Engine.DisposeAsync();
        if (!_ownsRoot)
        {
            return;
        }

        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A script thread may still hold a file for a moment; the temporary directory is left behind.
        }
    }
}
