using Xunit;

namespace Sluice.Tests.Support;

/// <summary>Bounded polling for what a real peer shows some time after it happened.</summary>
internal static class Eventually
{
    /// <summary>Polls <paramref name="condition"/> every 100 ms; fails with <paramref name="describe"/>'s text after <paramref name="timeout"/>.</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, Func<Task<string>> describe)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"not within {timeout.TotalSeconds} s: {await describe()}");
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }
}
