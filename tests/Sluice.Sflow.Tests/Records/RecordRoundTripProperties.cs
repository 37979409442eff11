using System.Net;
using FsCheck;
using FsCheck.Fluent;
using Sluice.Sflow.Datagrams;
using Sluice.Sflow.Records;
using Sluice.Sflow.Tests.Support;
using Sluice.Sflow.Xdr;
using Xunit;

namespace Sluice.Sflow.Tests.Records;

public sealed class RecordRoundTripProperties
{
    public static TheoryData<string> Layouts()
    {
        var data = new TheoryData<string>();
        foreach (var layout in RecordLayouts.All)
        {
            data.Add(Key(layout));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public void EncodeThenDecode_EveryLayout_GivesBackTheSameValues(string key)
    {
        var layout = RecordLayouts.All.Single(l => Key(l) == key);
        var version = layout.MaxVersion;
        Prop.ForAll(
                ValuesFor(layout.Fields, version).ToArbitrary(),
                values =>
                {
                    var datagram = InDatagram(layout, values, version);
                    var visitor = new RecordingVisitor();
                    var decoded = SflowDecoder.Decode(datagram, ref visitor);
                    if (version == 5 && (!decoded.IsSuccess || visitor.Records.Count != 1))
                    {
                        return false;
                    }

                    var body = version == 5 ? visitor.Records[0].Body : BodyOnly(layout, values, version);
                    var (read, result) = RecordValues.Read(layout, body, version);
                    return result.IsSuccess && read.SequenceEqual(values.Where(v => version >= v.Field.MinVersion));
                })
            .QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Layouts_EveryTagAndVersion_IsUniqueWithinItsNamespace()
    {
        foreach (var group in RecordLayouts.All.GroupBy(l => (l.IsCounter, l.Tag)))
        {
            var layouts = group.ToArray();
            for (uint version = 2; version <= 5; version++)
            {
                Assert.True(
                    layouts.Count(l => version >= l.MinVersion && version <= l.MaxVersion) <= 1,
                    $"{group.Key.Tag} has overlapping layouts for version {version}");
            }
        }
    }

    private static string Key(RecordLayout layout) =>
        $"{(layout.IsCounter ? "counter" : "flow")} {layout.Tag} v{layout.MinVersion}-{layout.MaxVersion} {layout.Name}";

    private static byte[] InDatagram(RecordLayout layout, List<FieldValue> values, uint version)
    {
        var buffer = new byte[256 * 1024];
        var writer = new SflowDatagramWriter(buffer);
        writer.WriteHeader(TestDatagrams.Agent, 0, 1, 1);
        var sample = new SflowSample { SequenceNumber = 1, SourceIdIndex = 1, SamplingRate = 1 };
        if (layout.IsCounter)
        {
            writer.BeginCountersSample(sample);
        }
        else
        {
            writer.BeginFlowSample(sample);
        }

        writer.BeginRecord(layout.Tag);
        RecordValues.Write(layout, values, ref writer.Body, version);
        writer.EndRecord();
        writer.EndSample();
        return writer.Finish().ToArray();
    }

    private static byte[] BodyOnly(RecordLayout layout, List<FieldValue> values, uint version)
    {
        var buffer = new byte[256 * 1024];
        var writer = new SflowWriter(buffer);
        RecordValues.Write(layout, values, ref writer, version);
        return writer.Written.ToArray();
    }

    private static Gen<List<FieldValue>> ValuesFor(IReadOnlyList<FieldSpec> fields, uint version, int depth = 0)
    {
        var gen = Gen.Constant(new List<FieldValue>());
        foreach (var field in fields)
        {
            var fieldGen = ValueFor(field, version, depth);
            gen = gen.SelectMany(list => fieldGen.Select(value => new List<FieldValue>(list) { value }));
        }

        return gen;
    }

    private static Gen<FieldValue> ValueFor(FieldSpec field, uint version, int depth) => field.Type switch
    {
        FieldType.Word32 => ArbMap.Default.GeneratorFor<uint>().Select(v => new FieldValue(field) { Number = v }),
        FieldType.Word64 => ArbMap.Default.GeneratorFor<ulong>().Select(v => new FieldValue(field) { Number = v }),
        FieldType.Real32 => ArbMap.Default.GeneratorFor<NormalFloat>().Select(v => new FieldValue(field) { Real = (float)v.Get }),
        FieldType.Real64 => ArbMap.Default.GeneratorFor<NormalFloat>().Select(v => new FieldValue(field) { Real = v.Get }),
        FieldType.Text => Bytes(0, Math.Max(field.MaxLength, 1)).Select(b => new FieldValue(field) { Bytes = b }),
        FieldType.Opaque => Bytes(0, 256).Select(b => new FieldValue(field) { Bytes = b }),
        FieldType.Fixed => Bytes(field.FixedLength, field.FixedLength).Select(b => new FieldValue(field) { Bytes = b }),
        FieldType.Address => Gen.Elements(
                IPAddress.Parse("192.0.2.1"),
                IPAddress.Parse("10.1.2.3"),
                IPAddress.Parse("2001:db8::7"),
                IPAddress.Parse("fe80::1"))
            .Select(a => new FieldValue(field) { Address = SflowAddress.FromIPAddress(a) }),
        FieldType.List => Gen.Choose(0, depth == 0 ? 4 : 2)
            .SelectMany(n => ValuesFor(field.Item ?? [], version, depth + 1).ListOf(n))
            .Select(items => new FieldValue(field) { Items = items.Select(i => (IReadOnlyList<FieldValue>)i).ToList() }),
        _ => throw new InvalidOperationException(field.Type.ToString()),
    };

    private static Gen<byte[]> Bytes(int min, int max) =>
        Gen.Choose(min, max).SelectMany(n => ArbMap.Default.GeneratorFor<byte>().ArrayOf(n));
}
