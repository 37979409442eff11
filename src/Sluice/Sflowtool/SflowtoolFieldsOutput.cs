using Sluice.Sflow.Text;

namespace Sluice.Sflowtool;

/// <summary>
/// sflowtool's <c>-L field,...</c> (sflowtool.md §3.5): remembers the value of each requested field as the
/// datagram is formatted and writes a CSV line at the end of each sample in which a sample-level field was set.
/// Reproduces sflowtool's bookkeeping exactly: datagram-level values repeat on every line, a sample cut short by a
/// decode error leaves its values for the next line, and unconsumed values draw its <c>WARNING</c> on stderr.
/// </summary>
internal sealed class SflowtoolFieldsOutput : SflowtoolOutput
{
    private readonly TextWriter _out;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _slots;
    private readonly char[][] _values;
    private readonly int[] _lengths;
    private readonly bool[] _sampleScope;
    private readonly SflowtoolSampleStates? _states;
    private readonly SflowtoolVlanFilter? _filter;
    private bool _inSamples;
    private int _sampleFields;
    private int _sample;
    private SampleType _sampleType;

    public SflowtoolFieldsOutput(TextWriter output, IReadOnlyList<string> fields, SflowtoolSampleStates? states, SflowtoolVlanFilter? filter, TextWriter errors)
        : base(errors)
    {
        _out = output;
        _states = states;
        _filter = filter;
        var slots = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < fields.Count; i++)
        {
            slots.TryAdd(fields[i], i); // like hsearch(ENTER): a repeated name keeps its first slot
        }

        _slots = slots.GetAlternateLookup<ReadOnlySpan<char>>();
        _values = new char[fields.Count][];
        for (var i = 0; i < _values.Length; i++)
        {
            _values[i] = new char[64];
        }

        _lengths = new int[fields.Count];
        _sampleScope = new bool[fields.Count];
    }

    private enum SampleType
    {
        Unknown,
        Flow,
        Counters,
        Discard,
        Rt,
    }

    public override bool IsStructured => false;

    public override void StartDatagram()
    {
        _inSamples = false;
        _sample = -1;
    }

    public override void EndDatagram() => Clear(sampleScope: false);

    public override void StartSample()
    {
        _sample++;
        _sampleType = SampleType.Unknown;
    }

    public override void EndSample()
    {
        switch (_sampleType)
        {
            case SampleType.Flow or SampleType.Discard:
                if (Passes())
                {
                    Write();
                }

                Clear(sampleScope: true);
                break;
            case SampleType.Counters or SampleType.Rt:
                Write();
                Clear(sampleScope: true);
                break;
        }
    }

    public override void StartArray(string name)
    {
        if (name == "samples")
        {
            _inSamples = true;
        }
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
        if (_inSamples && name.SequenceEqual("sampleType"))
        {
            _sampleType = value switch
            {
                "FLOWSAMPLE" => SampleType.Flow,
                "COUNTERSSAMPLE" => SampleType.Counters,
                "DISCARD" => SampleType.Discard,
                "RTMETRIC" or "RTFLOW" => SampleType.Rt,
                _ => SampleType.Unknown,
            };
        }

        if (!_slots.TryGetValue(name, out var slot))
        {
            return;
        }

        if (_values[slot].Length < value.Length)
        {
            _values[slot] = new char[Math.Max(value.Length, _values[slot].Length * 2)];
        }

        value.CopyTo(_values[slot]);
        _lengths[slot] = value.Length;
        _sampleScope[slot] = _inSamples;
        if (_inSamples)
        {
            _sampleFields++;
        }
    }

    public override void ArrayValue(ReadOnlySpan<char> value)
    {
    }

    public override void TextLine(ReadOnlySpan<char> line)
    {
    }

    public override void Flush() => _out.Flush();

    private bool Passes()
    {
        if (_filter is null || _states is null || _sample < 0 || _sample >= _states.Count)
        {
            return true;
        }

        var state = _states[_sample];
        return _filter.Allows(state.InVlan, state.OutVlan);
    }

    private void Write()
    {
        if (_sampleFields == 0)
        {
            return; // no sample-level field matched: datagram fields alone never make a line
        }

        for (var i = 0; i < _values.Length; i++)
        {
            if (i > 0)
            {
                _out.Write(',');
            }

            _out.Write(_values[i], 0, _lengths[i]);
        }

        _out.Write('\n');
        _sampleFields = 0;
    }

    private void Clear(bool sampleScope)
    {
        if (_sampleFields > 0)
        {
            Errors.Write($"WARNING: clearLineCustom: {_sampleFields} fields ignored\n");
        }

        for (var i = 0; i < _values.Length; i++)
        {
            if (_sampleScope[i] == sampleScope)
            {
                _lengths[i] = 0;
            }
        }

        _sampleFields = 0;
    }
}
