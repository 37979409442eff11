namespace Sluice.Engine.Agents;

/// <summary>
/// Follows one sFlow sequence-number stream (datagrams of an agent, or flow or counter samples of a data
/// source) and counts what was lost, duplicated and reordered. A mutable struct owned by one worker thread.
/// </summary>
public struct SequenceTracker
{
    /// <summary>
    /// How far back a number may be and still count as a late arrival. Anything further back means the
    /// agent restarted (sFlow numbers restart from 1 with the agent), which is not loss.
    /// </summary>
    public const uint ReorderWindow = 1024;

    private uint _last;
    private bool _started;

    public long Lost { readonly get; private set; }

    public long Duplicates { readonly get; private set; }

    public long OutOfOrder { readonly get; private set; }

    public long Resets { readonly get; private set; }

    /// <summary>
    /// Forgets the last number (keeping the counts) so the next one starts the stream again: the agent restarted, as
    /// its uptime showed, and numbering began again from wherever it begins.
    /// </summary>
    public void Restart() => _started = false;

    public SequenceOutcome Observe(uint sequence)
    {
        if (!_started)
        {
            _started = true;
            _last = sequence;
            return SequenceOutcome.First;
        }

        // Unsigned difference, so numbering that wraps past 2^32 counts as in order.
        var ahead = unchecked(sequence - _last);
        if (ahead == 1)
        {
            _last = sequence;
            return SequenceOutcome.InOrder;
        }

        if (ahead == 0)
        {
            Duplicates++;
            return SequenceOutcome.Duplicate;
        }

        var behind = unchecked(_last - sequence);
        if (behind <= ReorderWindow)
        {
            OutOfOrder++;
            return SequenceOutcome.OutOfOrder;
        }

        if (ahead < int.MaxValue)
        {
            Lost += ahead - 1;
            _last = sequence;
            return SequenceOutcome.Gap;
        }

        Resets++;
        _last = sequence;
        return SequenceOutcome.Reset;
    }
}
