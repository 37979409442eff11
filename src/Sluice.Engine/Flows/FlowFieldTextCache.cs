using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Sluice.Engine.Flows;

/// <summary>
/// The text of each flow key field, formatted once per sample and copied for every further use: most definitions
/// repeat a few fields (<c>ipsource</c>, <c>ipdestination</c>, <c>ipprotocol</c>) in keys and filters, and formatting
/// an address costs more than copying its text. Active only while the sample is frozen (see
/// <see cref="FlowSampleContext.CacheFieldTexts"/>); starting a sample or adding a record switches it off, so a value
/// never outlives the sample it was read from. Bounded: one text buffer, reused for every sample.
/// </summary>
internal sealed class FlowFieldTextCache
{
    /// <summary>Chars kept per sample; a field met when fewer than <see cref="FlowKey.MaxLength"/> remain is formatted uncached.</summary>
    private const int TextCapacity = 4096;

    /// <summary>Chars copied in one go (two 16-byte moves): most field texts are addresses and numbers no longer than this.</summary>
    private const int ShortText = 16;

    private readonly int[] _stamps;
    private readonly int[] _starts;
    private readonly int[] _lengths;
    // Room past the end so that a short copy may always read a whole block.
    private readonly char[] _text = new char[TextCapacity + ShortText];
    private int _used;
    private int _generation;
    private bool _active;

    public FlowFieldTextCache(int fields)
    {
        _stamps = new int[fields];
        _starts = new int[fields];
        _lengths = new int[fields];
    }

    /// <summary>Forgets every text and starts caching: the sample will not change until <see cref="Stop"/>.</summary>
    public void Start()
    {
        _used = 0;
        _active = true;
        if (++_generation == int.MaxValue)
        {
            // Stamps compare with the generation; restart the count before it wraps onto stale stamps.
            Array.Clear(_stamps);
            _generation = 1;
        }
    }

    /// <summary>Stops caching: the sample is about to change.</summary>
    public void Stop() => _active = false;

    /// <summary>As <see cref="FlowKeyField.Write"/>, from the cache when the field was already written for this sample.</summary>
    public int Write(FlowKeyField field, FlowSampleContext context, Span<char> destination)
    {
        var id = field.Id;
        if (!_active || (uint)id >= (uint)_stamps.Length)
        {
            return field.Write(context, destination);
        }

        if (_stamps[id] == _generation)
        {
            var length = _lengths[id];
            return length < 0 ? -1 : Copy(_starts[id], length, destination);
        }

        // A field that writes nothing into FlowKey.MaxLength chars is missing (or too long, which counts as missing):
        // remembered too, as keys like or:tcpdestinationport:udpdestinationport ask for the absent one on every sample.
        var room = _text.AsSpan(_used, TextCapacity - _used);
        if (room.Length < FlowKey.MaxLength)
        {
            return field.Write(context, destination);
        }

        var written = field.Write(context, room[..FlowKey.MaxLength]);
        _stamps[id] = _generation;
        _starts[id] = _used;
        _lengths[id] = written;
        if (written < 0)
        {
            return -1;
        }

        _used += written;
        return Copy(_starts[id], written, destination);
    }

    private int Copy(int start, int length, Span<char> destination)
    {
        if (length <= ShortText && destination.Length >= ShortText)
        {
            // A fixed-size block beats a general copy of a few chars; the chars past the text are overwritten later.
            ref var source = ref Unsafe.As<char, byte>(ref _text[start]);
            ref var target = ref Unsafe.As<char, byte>(ref MemoryMarshal.GetReference(destination));
            Vector128.LoadUnsafe(ref source).StoreUnsafe(ref target);
            Vector128.LoadUnsafe(ref source, 16).StoreUnsafe(ref target, 16);
            return length;
        }

        return _text.AsSpan(start, length).TryCopyTo(destination) ? length : -1;
    }
}
