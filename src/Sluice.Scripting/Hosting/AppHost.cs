using Sluice.Scripting.Runtime;
using Sluice.Scripting.Services;

namespace Sluice.Scripting.Hosting;

/// <summary>
/// The app loader (sflow-rt-api.md §6.1, §6.4): at start, every <c>*.js</c> directly under <c>app/NAME/scripts/</c> runs
/// on its own thread with its own engine (files in sub-folders run only through <c>include</c>), and so does the
/// standalone <c>script.file</c>. Apps are read once, at start, as with sFlow-RT.
/// </summary>
public sealed class AppHost : IDisposable
{
    private readonly ScriptingOptions _options;
    private readonly ScriptServices _services;
    private readonly ScriptStores _stores;
    private readonly Dictionary<string, AppInfo> _apps = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ScriptRuntime> _scripts = new(StringComparer.Ordinal);

    public AppHost(ScriptingOptions options, ScriptServices services)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _services = services;
        _stores = new ScriptStores(options.StoreDirectory);
    }

    /// <summary>The installed apps by name, sorted.</summary>
    public IReadOnlyList<AppInfo> Apps => [.. _apps.Values.OrderBy(a => a.Name, StringComparer.Ordinal)];

    /// <summary>Every script, apps' and standalone, by key.</summary>
    public IReadOnlyDictionary<string, ScriptRuntime> Scripts => _scripts;

    /// <summary>True while every script runs or has exited cleanly (<c>/status</c>).</summary>
    public bool Healthy => _scripts.Values.All(s => s.Error is null);

    /// <summary>Finds the installed apps and starts their scripts and the standalone script.</summary>
    /// <exception cref="FileNotFoundException"><c>script.file</c> names a file that does not exist.</exception>
    public void Start()
    {
        if (!string.IsNullOrEmpty(_options.AppDirectory) && Directory.Exists(_options.AppDirectory))
        {
            foreach (var directory in Directory.GetDirectories(_options.AppDirectory).Order(StringComparer.Ordinal))
            {
                Load(directory);
            }
        }

        if (!string.IsNullOrEmpty(_options.ScriptFile))
        {
            if (!File.Exists(_options.ScriptFile))
            {
                throw new FileNotFoundException($"script.file: {_options.ScriptFile} not found", _options.ScriptFile);
            }

            _scripts[_options.ScriptFile] = new ScriptRuntime(_options.ScriptFile, _options.ScriptFile, null, _services, _stores, _options);
        }

        foreach (var script in _scripts.Values)
        {
            script.Start();
        }
    }

    public AppInfo? FindApp(string name) => _apps.GetValueOrDefault(name);

    /// <summary>The script <paramref name="file"/> of app <paramref name="app"/>, or null.</summary>
    public ScriptRuntime? FindScript(string app, string file) => _scripts.GetValueOrDefault(Key(app, file));

    /// <summary>Whether every script of <paramref name="app"/> runs or exited cleanly (<c>/app/NAME/status</c>).</summary>
    public bool IsHealthy(AppInfo app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.Scripts.All(key => _scripts[key].Error is null);
    }

    /// <summary>Waits until every script has run its top level.</summary>
    public Task LoadedAsync() => Task.WhenAll(_scripts.Values.Select(s => s.Loaded));

    public void Dispose()
    {
        foreach (var script in _scripts.Values)
        {
            script.Dispose();
        }
    }

    private void Load(string directory)
    {
        var name = Path.GetFileName(directory);
        var scriptsDirectory = Path.Combine(directory, "scripts");
        var html = Path.Combine(directory, "html");
        var keys = new List<string>();
        if (Directory.Exists(scriptsDirectory))
        {
            foreach (var file in Directory.GetFiles(scriptsDirectory, "*.js").Order(StringComparer.Ordinal))
            {
                var key = Key(name, Path.GetFileName(file));
                _scripts[key] = new ScriptRuntime(key, file, name, _services, _stores, _options);
                keys.Add(key);
            }
        }

        var hasHtml = Directory.Exists(html);
        if (keys.Count > 0 || hasHtml)
        {
            _apps[name] = new AppInfo(name, directory, hasHtml ? html : null, keys);
        }
    }

    private static string Key(string app, string file) => $"app/{app}/scripts/{file}";
}
