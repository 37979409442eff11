using Sluice.Engine.Tests.Flows;
using Sluice.Sflow.Pcap;

namespace Sluice.Engine.Tests.Support;

/// <summary>
/// Datagrams no agent should send: every real datagram of the captures, every input that once crashed a fuzz target,
/// and, from a fixed random seed, truncations and bit flips of the real datagrams. Deterministic, so a failure
/// names an input that fails again.
/// </summary>
internal static class HostileCorpus
{
    private const int RandomSeed = 6343;

    /// <summary>The UDP payloads of our own and the shared captures, named <c>capture#index</c>.</summary>
    public static List<(string Name, byte[] Bytes)> RealDatagrams()
    {
        var result = new List<(string, byte[])>();
        foreach (var path in FlowSamples.AllCaptures())
        {
            using var stream = File.OpenRead(path);
            using var reader = new PcapUdpReader(stream);
            var index = 0;
            while (reader.TryRead(out var datagram))
            {
                result.Add(($"{Path.GetFileName(path)}#{index++}", datagram.Payload.ToArray()));
            }
        }

        return result;
    }

    /// <summary>Inputs that crashed the codec (Sluice.Sflow.Tests) or the whole ingest path (this project) under afl++.</summary>
    public static List<(string Name, byte[] Bytes)> FormerCrashes()
    {
        var root = FlowSamples.RepositoryRoot();
        var result = new List<(string, byte[])>();
        foreach (var folder in new[] { Path.Combine(root, "tests", "Sluice.Sflow.Tests", "testdata", "fuzz"), Path.Combine(root, "tests", "Sluice.Engine.Tests", "testdata", "hostile") })
        {
            foreach (var file in Directory.GetFiles(folder).Where(f => !f.EndsWith(".md", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
            {
                result.Add((Path.GetFileName(file), File.ReadAllBytes(file)));
            }
        }

        return result;
    }

    /// <summary>
    /// Each real datagram cut short (inside the header, at sample and record boundaries alike) and with bits flipped
    /// and 32-bit words overwritten with the values that break length arithmetic (0, all ones, 2^31).
    /// </summary>
    public static List<(string Name, byte[] Bytes)> Mutations(IReadOnlyList<(string Name, byte[] Bytes)> real, int perDatagram = 4)
    {
        var random = new Random(RandomSeed);
        var result = new List<(string, byte[])>();
        uint[] smash = [0, uint.MaxValue, 0x8000_0000, 0x7FFF_FFFF, 0x0000_FFFF];
        foreach (var (name, bytes) in real)
        {
            if (bytes.Length < 8)
            {
                continue;
            }

            for (var i = 0; i < perDatagram; i++)
            {
                var length = random.Next(bytes.Length);
                result.Add(($"{name} cut at {length}", bytes[..length]));

                var flipped = (byte[])bytes.Clone();
                var bit = random.Next(bytes.Length * 8);
                flipped[bit / 8] ^= (byte)(1 << (bit % 8));
                result.Add(($"{name} bit {bit} flipped", flipped));

                var smashed = (byte[])bytes.Clone();
                var word = random.Next(bytes.Length / 4) * 4;
                var value = smash[random.Next(smash.Length)];
                System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(smashed.AsSpan(word), value);
                result.Add(($"{name} word at {word} = {value:x8}", smashed));
            }
        }

        return result;
    }

    /// <summary>Everything above: the corpus the ingest path must survive.</summary>
    public static List<(string Name, byte[] Bytes)> All()
    {
        var real = RealDatagrams();
        return [.. real, .. FormerCrashes(), .. Mutations(real)];
    }
}
