using Sluice.Engine.Metrics;
using Sluice.Sflow.Datagrams;
using Sluice.Sflow.Xdr;

namespace Sluice.Engine.Tests.Support;

/// <summary>What the engine's decode worker will do with counter samples: decode, find the data source, apply.</summary>
internal sealed class CounterStore
{
    private readonly Dictionary<(SflowAddress Agent, uint Class, uint Index), DataSourceMetrics> _sources = [];

    public IReadOnlyCollection<DataSourceMetrics> Sources => _sources.Values;

    public DataSourceMetrics this[string dataSource] => _sources.Values.Single(s => s.DataSource == dataSource);

    public DataSourceMetrics Get(SflowAddress agent, uint sourceClass, uint sourceIndex)
    {
        if (!_sources.TryGetValue((agent, sourceClass, sourceIndex), out var metrics))
        {
            metrics = new DataSourceMetrics(agent, sourceClass, sourceIndex);
            _sources.Add((agent, sourceClass, sourceIndex), metrics);
        }

        return metrics;
    }

    public SflowDecodeResult Decode(ReadOnlySpan<byte> datagram, long nowUnixMs)
    {
        var visitor = new Visitor(this, nowUnixMs);
        return SflowDecoder.Decode(datagram, ref visitor);
    }

    /// <summary>Decodes straight into one known data source (the allocation test's steady state).</summary>
    public static SflowDecodeResult DecodeInto(DataSourceMetrics target, ReadOnlySpan<byte> datagram, long nowUnixMs)
    {
        var visitor = new Visitor(null, nowUnixMs) { Target = target };
        return SflowDecoder.Decode(datagram, ref visitor);
    }

    private struct Visitor(CounterStore? store, long now) : ISflowVisitor
    {
        private SflowAddress _agent;

        public DataSourceMetrics? Target { get; set; }

        public void OnDatagram(in SflowDatagramHeader header) => _agent = header.Agent;

        public void OnSample(in SflowSample sample, ReadOnlySpan<byte> body)
        {
            if (store is not null && sample.Kind == SampleKind.Counters)
            {
                Target = store.Get(_agent, sample.SourceIdClass, sample.SourceIdIndex);
            }
        }

        public readonly bool OnRecord(in SflowSample sample, in SflowRecord record)
        {
            if (sample.Kind == SampleKind.Counters && Target is not null)
            {
                CounterSampleProcessor.Apply(Target, record, now);
            }

            return true;
        }

        public readonly void OnSampleEnd(in SflowSample sample)
        {
            if (sample.Kind == SampleKind.Counters && Target is not null)
            {
                CounterSampleProcessor.EndSample(Target, now);
            }
        }
    }
}
