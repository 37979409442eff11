using FsCheck;
using FsCheck.Fluent;
using Sluice.Sflow.Datagrams;
using Sluice.Sflow.Tests.Support;
using Xunit;

namespace Sluice.Sflow.Tests.Datagrams;

public sealed class SflowDecoderProperties
{
    private static readonly byte[] Valid = TestDatagrams.FlowDatagram(3);

    [Fact]
    public void Decode_ArbitraryBytes_NeverThrowsAndStaysInBounds()
    {
        Prop.ForAll(
                ArbMap.Default.ArbFor<byte[]>(),
                bytes =>
                {
                    var visitor = new RecordingVisitor();
                    var result = SflowDecoder.Decode(bytes, ref visitor);
                    return result.Error.Offset >= 0 && result.Error.Offset <= bytes.Length
                        && visitor.Records.TrueForAll(r => r.Offset + r.Body.Length <= bytes.Length);
                })
            .QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Decode_ValidDatagramWithCorruptedBytes_NeverThrows()
    {
        var corruption = Gen.Zip(Gen.Choose(0, Valid.Length - 1), ArbMap.Default.GeneratorFor<byte>()).ArrayOf();
        Prop.ForAll(
                corruption.ToArbitrary(),
                Gen.Choose(0, Valid.Length).ToArbitrary(),
                (changes, length) =>
                {
                    var bytes = Valid.ToArray();
                    foreach (var (offset, value) in changes)
                    {
                        bytes[offset] = value;
                    }

                    var visitor = new RecordingVisitor();
                    var result = SflowDecoder.Decode(bytes.AsSpan(0, length), ref visitor);
                    return result.Samples * 8 <= length && result.Error.Offset <= length;
                })
            .QuickCheckThrowOnFailure();
    }
}
