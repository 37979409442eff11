namespace Sluice.Scripting.Tests.Support;

/// <summary>Polls a condition with a bounded wait (no timing asserts: the bound only stops a broken test).</summary>
internal static class Eventually
{
    public static async Task TrueAsync(Func<bool> condition, string what, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("timed out waiting for " + what);
            }

            await Task.Delay(20);
        }
    }
}
