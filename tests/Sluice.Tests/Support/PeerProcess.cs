namespace Sluice.Tests.Support;

/// <summary>A peer daemon run by a test: its own temporary folder for configuration and sockets, and its process.</summary>
internal sealed class PeerProcess(string name) : IAsyncDisposable
{
    private ShellProcess? _process;

    public string Folder { get; } = Directory.CreateTempSubdirectory($"sluice-{name}-").FullName;

    /// <summary>What the daemon printed so far, for failure messages.</summary>
    public string Log => (_process?.Output ?? string.Empty) + (_process?.Errors ?? string.Empty);

    public string PathOf(string file) => Path.Combine(Folder, file);

    /// <summary>Starts the daemon with <c>bash -c</c> (use <c>exec</c> so it is the process that gets stopped).</summary>
    public void Start(string script) => _process = new ShellProcess(script);

    public ValueTask DisposeAsync()
    {
        _process?.Dispose();
        Directory.Delete(Folder, recursive: true);
        return ValueTask.CompletedTask;
    }
}
