namespace Sluice.Scripting.Tests.Support;

/// <summary>Deletes a directory a test made, when the test is done with it.</summary>
internal sealed class TemporaryDirectory(string path) : IDisposable
{
    public void Dispose()
    {
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (IOException)
        {
            // Left behind in the temporary folder.
        }
    }
}
