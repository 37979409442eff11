using Microsoft.Win32.SafeHandles;

namespace Sluice;

/// <summary>
/// Standard output as a stream that reports a closed reader. <see cref="Console.OpenStandardOutput()"/> swallows
/// EPIPE on purpose, so a tool writing into <c>| head</c> or a dead ssh would run forever; the C tools it
/// replaces die at their next write. This stream writes to file descriptor 1 directly, and a write after the
/// reader has gone throws an <see cref="IOException"/> that <see cref="IsBrokenPipe"/> recognises.
/// </summary>
internal static class StandardOutput
{
    // EPIPE is 32 on Linux, macOS and the BSDs; .NET puts the errno of a failed write in HResult.
    private const int BrokenPipeErrno = 32;

    /// <summary>The exit status a shell reports for a process killed by SIGPIPE (128 + 13), as sflowtool ends.</summary>
    public const int SigpipeExitCode = 141;

    /// <summary>Opens fd 1 unbuffered (callers buffer), not owning it so that disposing leaves it open.</summary>
    public static Stream Open() =>
        OperatingSystem.IsWindows()
            ? Console.OpenStandardOutput()
            : new FileStream(new SafeFileHandle(1, ownsHandle: false), FileAccess.Write, bufferSize: 0);

    /// <summary>True when <paramref name="exception"/> says the reading end of the output pipe is closed.</summary>
    public static bool IsBrokenPipe(Exception exception) =>
        exception is IOException { HResult: BrokenPipeErrno };
}
