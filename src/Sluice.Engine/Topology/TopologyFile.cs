namespace Sluice.Engine.Topology;

/// <summary>
/// Keeps the installed topology's JSON in a file (<c>topology.file</c>) so a restart comes back with it. sFlow-RT's core
/// forgets it and leaves storing to its topology app; Sluice stores it itself so <c>PUT /topology/json</c> is enough.
/// </summary>
internal static class TopologyFile
{
    /// <summary>The JSON in <paramref name="path"/>, or null when there is no such file.</summary>
    public static string? Read(string path) => File.Exists(path) ? File.ReadAllText(path) : null;

    /// <summary>Writes beside the file, flushes to disk and renames, so a crash leaves the old topology, never half a new one.</summary>
    public static void Write(string path, string json) => Persistence.AtomicFile.WriteAllText(path, json);
}
