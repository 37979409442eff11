namespace Sluice.Scripting.Services;

/// <summary>Logged flow records (definitions with <c>log:true</c>) for <c>setFlowHandler</c>. Bound by the server to the engine's flow log.</summary>
public interface IFlowRecordSource
{
    /// <summary>
    /// Calls <paramref name="deliver"/> with each completed flow of the definitions <paramref name="names"/> (all when
    /// null), from whichever thread completed it: the receiver must hand it on quickly. Dispose to stop.
    /// </summary>
    IDisposable Subscribe(IReadOnlyCollection<string>? names, Action<ScriptFlowRecord> deliver);
}
