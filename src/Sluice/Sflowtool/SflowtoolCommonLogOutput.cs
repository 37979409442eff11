using Sluice.Sflow.Datagrams;

namespace Sluice.Sflowtool;

/// <summary>sflowtool's <c>-H</c>: an Apache common-log line for each flow sample carrying an HTTP request record.</summary>
internal sealed class SflowtoolCommonLogOutput : SflowtoolSampleOutput
{
    private readonly TextWriter _out;

    public SflowtoolCommonLogOutput(TextWriter output, SflowtoolSampleStates states, SflowtoolVlanFilter? filter, TextWriter errors)
        : base(states, filter, errors)
    {
        _out = output;
    }

    public override void Flush() => _out.Flush();

    protected override void OnSample(SflowtoolSampleState state)
    {
        if (state.Kind != SampleKind.Flow || state.CommonLog is null)
        {
            return;
        }

        _out.Write(state.CommonLogClient);
        _out.Write(' ');
        _out.Write(state.CommonLog);
        _out.Write('\n');
    }
}
