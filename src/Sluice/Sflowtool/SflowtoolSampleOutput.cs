using Sluice.Sflow.Datagrams;
using Sluice.Sflow.Text;

namespace Sluice.Sflowtool;

/// <summary>
/// Base of the outputs sflowtool writes once per completed sample (<c>-l</c>, <c>-t</c>, <c>-T</c>, <c>-H</c>):
/// the formatter's structure events say which sample just completed (an interrupted sample never does), and
/// <see cref="SflowtoolSampleStates"/>, filled before formatting, says what it contained. Field text is ignored.
/// </summary>
internal abstract class SflowtoolSampleOutput : SflowtoolOutput
{
    private readonly SflowtoolSampleStates _states;
    private readonly SflowtoolVlanFilter? _filter;
    private int _sample = -1;

    protected SflowtoolSampleOutput(SflowtoolSampleStates states, SflowtoolVlanFilter? filter, TextWriter errors)
        : base(errors)
    {
        _states = states;
        _filter = filter;
    }

    public override bool IsStructured => false;

    protected SflowtoolSampleStates States => _states;

    public override void StartDatagram() => _sample = -1;

    public override void EndDatagram()
    {
    }

    public override void StartSample() => _sample++;

    public override void EndSample()
    {
        if (_sample < 0 || _sample >= _states.Count)
        {
            return;
        }

        var state = _states[_sample];
        var passes = state.Kind is not (SampleKind.Flow or SampleKind.Discard) || _filter is null || _filter.Allows(state.InVlan, state.OutVlan);
        if (passes)
        {
            OnSample(state);
        }
    }

    /// <summary>A sample that decoded completely and passed the VLAN filter.</summary>
    protected abstract void OnSample(SflowtoolSampleState state);

    public override void StartArray(string name)
    {
    }

    public override void EndArray()
    {
    }

    public override void StartObject()
    {
    }

    public override void EndObject()
    {
    }

    public override void Field(ReadOnlySpan<char> name, ReadOnlySpan<char> value)
    {
    }

    public override void ArrayValue(ReadOnlySpan<char> value)
    {
    }

    public override void TextLine(ReadOnlySpan<char> line)
    {
    }
}
