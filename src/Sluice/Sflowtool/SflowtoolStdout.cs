using System.Text;

namespace Sluice.Sflowtool;

/// <summary>
/// Buffered standard output for the text formats. The formatter flushes after every datagram, which is what a
/// live socket needs but would cost a write per datagram when reading a file, so flushing is opt-in per mode.
/// </summary>
internal sealed class SflowtoolStdout : StreamWriter
{
    public SflowtoolStdout(Stream stream)
        : base(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 1 << 16, leaveOpen: true)
    {
        AutoFlush = false;
    }

    /// <summary>True when each datagram must reach the reader at once (socket input).</summary>
    public bool FlushEachDatagram { get; set; }

    public override void Flush()
    {
        if (FlushEachDatagram)
        {
            base.Flush();
        }
    }

    public void FlushNow() => base.Flush();
}
