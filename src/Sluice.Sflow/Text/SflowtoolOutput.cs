namespace Sluice.Sflow.Text;

/// <summary>
/// Receives sflowtool's output as a stream of structure events and <c>name value</c> pairs; one subclass per
/// output format. Values arrive already formatted with sflowtool's rules, names with their prefixes
/// (<c>discarded_</c>, <c>tunnel_ipv4_in_</c>, ...), so line-oriented formats (<c>-l</c>, <c>-L</c>) can be
/// built on the same stream.
/// </summary>
public abstract class SflowtoolOutput
{
    protected SflowtoolOutput(TextWriter? errors)
    {
        Errors = errors ?? TextWriter.Null;
    }

    /// <summary>Where diagnostics go (sflowtool's stderr): length errors, <c>caught exception: N</c>, hex dumps.</summary>
    public TextWriter Errors { get; }

    /// <summary>The decode position, for formats that print it on every line (<c>-g</c>).</summary>
    public SflowtoolGrepContext Context { get; } = new();

    /// <summary>
    /// True for JSON: host adapters and SFP lanes become nested arrays; false for text, where they are
    /// flattened into numbered field names (<c>adaptor_0_MAC_0</c>, <c>sfp_lane_index.0</c>).
    /// </summary>
    public abstract bool IsStructured { get; }

    /// <summary>Reused by the formatter so formatting a datagram allocates nothing.</summary>
    internal SflowtoolEmitter Emitter => _emitter ??= new SflowtoolEmitter(this);

    private SflowtoolEmitter? _emitter;

    public abstract void StartDatagram();

    /// <summary>Ends the datagram, closing whatever a decode error left open.</summary>
    public abstract void EndDatagram();

    public abstract void StartSample();

    /// <summary>Only called for a sample that decoded completely (sflowtool prints no <c>endSample</c> after an error).</summary>
    public abstract void EndSample();

    /// <summary>A named array: <c>samples</c>, <c>elements</c>, <c>adaptor_list</c>, <c>mac_list</c>, <c>sfp_lanes</c>.</summary>
    public abstract void StartArray(string name);

    public abstract void EndArray();

    /// <summary>An anonymous object inside an array (a record element, an adapter, an SFP lane).</summary>
    public abstract void StartObject();

    public abstract void EndObject();

    public abstract void Field(ReadOnlySpan<char> name, ReadOnlySpan<char> value);

    /// <summary>A bare string inside an array (the MACs of <c>mac_list</c>).</summary>
    public abstract void ArrayValue(ReadOnlySpan<char> value);

    /// <summary>A text-only line such as <c>skipping unknown ...</c> or <c>NO_DECODE headerProtocol=N</c>; JSON drops it.</summary>
    public abstract void TextLine(ReadOnlySpan<char> line);

    /// <summary>Called once the datagram is complete, so buffered writers can flush.</summary>
    public virtual void Flush()
    {
    }
}
