namespace Sluice.Engine.Flows;

/// <summary>
/// One value of a flow table (the definition's <c>value</c> or one of its <c>values</c>), kept per slot in arrays
/// sized to the table's capacity so that updates allocate nothing. The table calls it under its lock.
/// </summary>
internal abstract class FlowColumn
{
    /// <summary>The window of a slot that never had a sample: far enough back to be older than any window, with no overflow.</summary>
    protected const long Never = long.MinValue / 4;

    /// <summary>The column for a value kind.</summary>
    public static FlowColumn Create(FlowValueKind kind, int capacity, double t) => kind switch
    {
        FlowValueKind.Sum => new SumColumn(capacity, t),
        FlowValueKind.Average => new AverageColumn(capacity),
        FlowValueKind.Minimum => new ExtremeColumn(capacity, maximum: false),
        FlowValueKind.Maximum => new ExtremeColumn(capacity, maximum: true),
        FlowValueKind.Count => new DistinctCountColumn(capacity),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>Forgets the slot's state: a new key takes it.</summary>
    public abstract void Clear(int slot);

    /// <summary>Adds one sample; <paramref name="scale"/> is the sampling rate (1 for dropped-packet reports).</summary>
    public abstract void Add(int slot, in FlowMeasure measure, double scale, in FlowClock clock);

    /// <summary>The value reported at <paramref name="clock"/>.</summary>
    public abstract double Read(int slot, in FlowClock clock);

    /// <summary>
    /// Adds one sample that entered the network at this data source (see <see cref="FlowTable.Entering"/>), after
    /// <see cref="Add"/> added it. Only sums keep a separate share: the other kinds are not additive across data sources.
    /// </summary>
    public virtual void AddEntering(int slot, in FlowMeasure measure, double scale, in FlowClock clock)
    {
    }

    /// <summary>The value of the entering samples alone; the other kinds report their one value.</summary>
    public virtual double ReadEntering(int slot, in FlowClock clock) => Read(slot, clock);

    /// <summary>A number that orders slots as <see cref="Read"/> would at the same instant, as cheaply as possible.</summary>
    public virtual double Rank(int slot, in FlowClock clock) => Read(slot, clock);

    /// <summary>Multiplies forward-decayed state by <paramref name="factor"/> when the table moves its landmark.</summary>
    public virtual void Rescale(double factor, int count)
    {
    }

    /// <summary>
    /// The slot with the smallest rank among the first <paramref name="count"/>: the one a new key evicts when the
    /// <c>value</c> is not a sum (sums keep a heap instead, see <see cref="Tables.FlowSlotHeap"/>). A scan, because the
    /// other kinds change order without any write: an average, minimum, maximum or count drops to 0 once its window
    /// passes, and a count falls as its previous window rolls off, so an order kept at add time would go stale.
    /// </summary>
    public virtual int SmallestSlot(int count, in FlowClock clock)
    {
        var smallest = 0;
        var value = Rank(0, clock);
        for (var i = 1; i < count; i++)
        {
            var rank = Rank(i, clock);
            if (rank < value)
            {
                value = rank;
                smallest = i;
            }
        }

        return smallest;
    }

    /// <summary>How many whole windows lie between the slot's last sample and <paramref name="clock"/> (0 or less: the current one).</summary>
    protected static long Age(long window, in FlowClock clock) => clock.Window - window;
}
