namespace Sluice.Tests.Apps;

/// <summary>An <c>app/</c> directory (and store) written for one test in a temporary folder, removed at dispose.</summary>
internal sealed class AppFolder : IDisposable
{
    public AppFolder(IReadOnlyDictionary<string, string> files)
    {
        Root = Directory.CreateTempSubdirectory("sluice-apps-").FullName;
        foreach (var (path, text) in files)
        {
            var full = Path.Combine(Root, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, text);
        }
    }

    public string Root { get; }

    /// <summary>The properties that point <c>sluice serve</c> at this folder's apps and store.</summary>
    public (string, string)[] Properties(params (string, string)[] more) =>
        [("app:dir", Path.Combine(Root, "app")), ("store:dir", Path.Combine(Root, "store")), .. more];

    public string PathOf(string relative) => Path.Combine(Root, relative);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // Left in the temporary folder.
        }
    }
}
