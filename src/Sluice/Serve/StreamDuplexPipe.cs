using System.IO.Pipelines;

namespace Sluice.Serve;

/// <summary>A duplex pipe over one stream, to hand Kestrel a transport wrapped by <see cref="CountingDuplexStream"/>.</summary>
internal sealed class StreamDuplexPipe(Stream stream) : IDuplexPipe
{
    public PipeReader Input { get; } = PipeReader.Create(stream, new StreamPipeReaderOptions(leaveOpen: true));

    public PipeWriter Output { get; } = PipeWriter.Create(stream, new StreamPipeWriterOptions(leaveOpen: true));
}
