using System.Text;

namespace Sluice.Engine.Persistence;

/// <summary>
/// Replaces a file's content so that a crash or power cut leaves the old content or the new, never a mix: the text is
/// written to <c>&lt;file&gt;.tmp</c> beside it, flushed to the disk, then renamed over the file (rename is atomic within
/// one file system). A leftover <c>.tmp</c> from a crash is never read, and the next write replaces it.
/// </summary>
public static class AtomicFile
{
    /// <summary>What is appended to the file name for the copy being written.</summary>
    public const string TemporarySuffix = ".tmp";

    /// <summary>Writes <paramref name="text"/> as UTF-8 to <paramref name="path"/>, creating its directory.</summary>
    /// <exception cref="IOException">The directory or the file cannot be written; the old file is untouched.</exception>
    /// <exception cref="UnauthorizedAccessException">The directory or the file is not writable; the old file is untouched.</exception>
    public static void WriteAllText(string path, string text)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(text);
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temporary = full + TemporarySuffix;
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            stream.Write(Encoding.UTF8.GetBytes(text));
            // fsync before the rename: otherwise the file system may commit the rename before the data, and a power cut
            // would leave an empty file under the real name.
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, full, overwrite: true);
    }
}
