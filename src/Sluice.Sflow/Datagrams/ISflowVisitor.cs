namespace Sluice.Sflow.Datagrams;

/// <summary>
/// Receives a datagram's structure as <see cref="SflowDecoder"/> walks it. Implement it on a struct
/// and pass it by reference so calls are direct and nothing is allocated.
/// </summary>
public interface ISflowVisitor
{
    void OnDatagram(in SflowDatagramHeader header);

    /// <summary>A sample's fixed fields; <paramref name="body"/> is the whole sample body (after its length word).</summary>
    void OnSample(in SflowSample sample, ReadOnlySpan<byte> body);

    /// <summary>Returns false to stop decoding the datagram (the decoder then reports <see cref="SflowDecodeErrorKind.StoppedByVisitor"/>).</summary>
    bool OnRecord(in SflowSample sample, in SflowRecord record);

    /// <summary>Called after a sample's records when the sample was framed correctly.</summary>
    void OnSampleEnd(in SflowSample sample);
}
