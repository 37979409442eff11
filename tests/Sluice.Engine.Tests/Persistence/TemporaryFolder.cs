namespace Sluice.Engine.Tests.Persistence;

/// <summary>A folder under the system's temporary directory for one test, removed at dispose.</summary>
internal sealed class TemporaryFolder : IDisposable
{
    public string Root { get; } = Directory.CreateTempSubdirectory("sluice-store-").FullName;

    public string PathOf(string name) => Path.Combine(Root, name);

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
