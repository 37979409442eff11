namespace Sluice.Scripting.Runtime;

/// <summary>A callback for the script's thread, and what to do instead if the script stops before running it.</summary>
internal readonly record struct WorkItem(Action Run, Action? Abandon);
