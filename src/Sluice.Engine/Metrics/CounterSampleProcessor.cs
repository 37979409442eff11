using System.Text;
using Sluice.Sflow.Datagrams;
using Sluice.Sflow.Xdr;

namespace Sluice.Engine.Metrics;

/// <summary>
/// The writer side of the counter store: turns the records of one counters sample into the metrics of its
/// data source. Call <see cref="Apply"/> for each record, then <see cref="EndSample"/>. Runs on the data
/// source's decode worker; allocates only when a string metric changes or a record group is first seen.
/// </summary>
/// <remarks>
/// <para>Rates are delta / elapsed seconds, where elapsed is the time between the arrival (<c>nowUnixMs</c>,
/// the receive or pcap timestamp) of the two counter samples that carried the counter. The agent's uptime
/// would be immune to network jitter, but it belongs to the datagram, not the sample, and agents batch
/// samples into datagrams; arrival time is what sFlow-RT documents ("delta over elapsed time").</para>
/// <para>Wraps and restarts: the delta is taken modulo 2^32 (or 2^64) so a counter that wrapped once gives
/// the right delta. A modular delta above half the range cannot come from one wrap of a plausible rate; it
/// means the counter went backwards because the agent (or interface) restarted, so no rate is published for
/// that interval and the new value becomes the baseline, unless the sample is late by its sequence number (then it is
/// an older reading and the newer baseline stays). <see cref="Restart"/> re-baselines everything when
/// the engine learns of a restart some other way (the sample sequence number starting again).</para>
/// <para>All-ones (sFlow's "unknown") removes the metric and its baseline.</para>
/// <para>Derived metrics need only fields of their own record, so they are computed in <see cref="Apply"/>,
/// inside the same seqlock write as their inputs: a reader never sees <c>ifinoctets</c> and
/// <c>ifinutilization</c> from different samples.</para>
/// </remarks>
public static class CounterSampleProcessor
{
    /// <summary>Applies one counter record; false when the record format is not mapped (or too short to read anything).</summary>
    public static bool Apply(DataSourceMetrics target, in SflowRecord record, long nowUnixMs)
    {
        ArgumentNullException.ThrowIfNull(target);
        var map = MetricCatalog.FindRecord(record.Tag, target.SourceClass);
        if (map is null)
        {
            return false;
        }

        target.BeginSampleIfNeeded(nowUnixMs);
        var block = target.Block(map);
        target.BeginWrite();
        try
        {
            foreach (ref var slot in block.Slots.AsSpan())
            {
                slot.Fresh = false;
            }
            // A duplicate, or a second sample in the same millisecond, keeps the older baseline for a sane interval.
            block.CountersFrozen = block.PreviousTime != 0 && nowUnixMs <= block.PreviousTime;
            block.LateSample = target.LateSample;
            block.MovedForward = false;
            var read = ReadFields(map, block, record.Body, nowUnixMs);
            Derive(map, block, nowUnixMs);
            if (!block.CountersFrozen && (!block.LateSample || block.MovedForward))
            {
                block.PreviousTime = nowUnixMs;
            }

            return read;
        }
        finally
        {
            target.EndWrite();
        }
    }

    /// <summary>Ends a counters sample: records its time and the effective polling interval.</summary>
    public static void EndSample(DataSourceMetrics target, long nowUnixMs)
    {
        ArgumentNullException.ThrowIfNull(target);
        target.BeginSampleIfNeeded(nowUnixMs);
        target.EndSample(nowUnixMs);
    }

    /// <summary>Forgets every counter baseline of the data source (the agent restarted): the next sample publishes no rates.</summary>
    public static void Restart(DataSourceMetrics target)
    {
        ArgumentNullException.ThrowIfNull(target);
        target.ClearBaselines();
    }

    private static bool ReadFields(RecordMap map, MetricBlock block, ReadOnlySpan<byte> body, long now)
    {
        var reader = new SflowReader(body);
        var any = false;
        foreach (var field in map.Fields)
        {
            if (field.Type == XdrType.None)
            {
                continue;
            }

            // Fields appended in later revisions (host_cpu steal/guest, jvm fds) are simply absent from short records.
            if (!ReadField(field, block, ref reader, now))
            {
                break;
            }

            any = true;
        }

        return any;
    }

    private static bool ReadField(MetricField field, MetricBlock block, ref SflowReader reader, long now)
    {
        var slot = field.Slot;
        switch (field.Type)
        {
            case XdrType.UInt32:
            {
                if (!reader.TryReadUInt32(out var value))
                {
                    return false;
                }

                if (slot >= 0)
                {
                    Number(field, block, value, value == uint.MaxValue, now);
                }

                return true;
            }

            case XdrType.Int32:
            {
                if (!reader.TryReadInt32(out var value))
                {
                    return false;
                }

                SetValue(block, slot, value * field.Scale, now);
                return true;
            }

            case XdrType.UInt64:
            {
                if (!reader.TryReadUInt64(out var value))
                {
                    return false;
                }

                if (slot >= 0)
                {
                    Number(field, block, value, value == ulong.MaxValue, now);
                }

                return true;
            }

            case XdrType.Real32:
            {
                if (!reader.TryReadSingle(out var value))
                {
                    return false;
                }

                if (float.IsFinite(value) && Math.Abs(value) < 7.9e28f)
                {
                    // Through decimal, a float keeps the digits it was sent with: 4.39f gives 4.39, not 4.389999866485596.
                    SetValue(block, slot, (double)(decimal)value * field.Scale, now);
                }
                else if (float.IsFinite(value))
                {
                    SetValue(block, slot, value * field.Scale, now);
                }
                else
                {
                    Clear(block, slot);
                }

                return true;
            }

            case XdrType.Utf8:
            {
                if (!reader.TryReadOpaque(out var bytes))
                {
                    return false;
                }

                SetText(block, slot, TrimNul(bytes), now, static b => Encoding.UTF8.GetString(b));
                return true;
            }

            case XdrType.Uuid:
            {
                if (!reader.TryReadFixed(16, out var bytes))
                {
                    return false;
                }

                SetText(block, slot, bytes, now, static b => new Guid(b, bigEndian: true).ToString("D"));
                return true;
            }

            case XdrType.Mac:
            {
                if (!reader.TryReadFixed(6, out var bytes))
                {
                    return false;
                }

                SetText(block, slot, bytes, now, static b => Convert.ToHexString(b));
                return true;
            }

            default:
                return false;
        }
    }

    private static void Number(MetricField field, MetricBlock block, ulong raw, bool unknown, long now)
    {
        var slot = field.Slot;
        if (unknown)
        {
            Clear(block, slot);
            block.Slots[slot].HasPrevious = false;
            return;
        }

        switch (field.Kind)
        {
            case MetricKind.Counter:
                Count(field, block, raw, now);
                break;
            case MetricKind.Text:
                if (block.Texts[slot] is null || block.Slots[slot].Raw != raw)
                {
                    block.Texts[slot] = TextFormats.Format(field.Format, raw);
                }

                block.Slots[slot].Raw = raw;
                block.Slots[slot].Time = now;
                block.Slots[slot].Fresh = true;
                break;
            default:
                block.Slots[slot].Raw = raw;
                SetValue(block, slot, raw * field.Scale, now);
                break;
        }
    }

    private static void Count(MetricField field, MetricBlock block, ulong raw, long now)
    {
        if (block.CountersFrozen)
        {
            return;
        }

        var slot = field.Slot;
        if (block.Slots[slot].HasPrevious)
        {
            // Every counter of a record is sampled at once, so the record's previous sample time serves them all.
            var elapsed = now - block.PreviousTime;
            var delta = raw - block.Slots[slot].Raw;
            var half = 1UL << (field.Bits - 1);
            if (field.Bits == 32)
            {
                delta &= uint.MaxValue;
            }

            if (block.LateSample && (delta == 0 || delta >= half))
            {
                // An older reading that arrived late, or a repeat: re-baselining on it would make the next delta span
                // two intervals over the short time since this one, a spike of many times the real rate.
                return;
            }

            if (delta < half)
            {
                SetValue(block, slot, delta * 1000.0 / elapsed * field.Scale, now);
                block.MovedForward = true;
            }
        }

        block.Slots[slot].Raw = raw;
        block.Slots[slot].HasPrevious = true;
    }

    private static void Derive(RecordMap map, MetricBlock block, long now)
    {
        foreach (var field in map.Fields)
        {
            if (field.Op == DerivedOp.None)
            {
                continue;
            }

            var inputs = field.InputSlots;
            var slots = block.Slots;
            switch (field.Op)
            {
                case DerivedOp.Sum:
                {
                    var sum = 0.0;
                    var any = false;
                    foreach (var input in inputs)
                    {
                        if (slots[input].Fresh)
                        {
                            sum += slots[input].Value;
                            any = true;
                        }
                    }

                    if (any)
                    {
                        SetValue(block, field.Slot, sum, now);
                    }

                    break;
                }

                case DerivedOp.Ratio:
                    if (slots[inputs[0]].Fresh && slots[inputs[1]].Fresh && slots[inputs[1]].Value > 0)
                    {
                        SetValue(block, field.Slot, slots[inputs[0]].Value * field.Factor / slots[inputs[1]].Value, now);
                    }

                    break;

                case DerivedOp.UsedPercent:
                {
                    if (!slots[inputs[0]].Fresh || slots[inputs[0]].Value <= 0)
                    {
                        break;
                    }

                    var used = slots[inputs[0]].Value;
                    var complete = true;
                    for (var i = 1; i < inputs.Length; i++)
                    {
                        complete &= slots[inputs[i]].Fresh;
                        used -= slots[inputs[i]].Value;
                    }

                    if (complete)
                    {
                        SetValue(block, field.Slot, 100 * used / slots[inputs[0]].Value, now);
                    }

                    break;
                }

                case DerivedOp.Share:
                {
                    if (!slots[inputs[0]].Fresh)
                    {
                        break;
                    }

                    var whole = 0.0;
                    for (var i = 1; i < inputs.Length; i++)
                    {
                        if (slots[inputs[i]].Fresh)
                        {
                            whole += block.Slots[inputs[i]].Value;
                        }
                    }

                    if (whole > 0)
                    {
                        // Shares of counters read in the same sample: the ratio of their rates is the ratio of their deltas.
                        SetValue(block, field.Slot, 100 * block.Slots[inputs[0]].Value / whole, now);
                    }

                    break;
                }

                case DerivedOp.Complement:
                    if (slots[inputs[0]].Fresh)
                    {
                        SetValue(block, field.Slot, field.Factor - slots[inputs[0]].Value, now);
                    }

                    break;

                case DerivedOp.StatusBit:
                    if (slots[inputs[0]].Fresh)
                    {
                        block.Texts[field.Slot] = (block.Slots[inputs[0]].Raw & (ulong)field.Factor) != 0 ? "up" : "down";
                        block.Slots[field.Slot].Time = now;
                        slots[field.Slot].Fresh = true;
                    }

                    break;
            }
        }
    }

    private static void SetValue(MetricBlock block, int slot, double value, long now)
    {
        if (slot < 0)
        {
            return;
        }

        block.Slots[slot].Value = value;
        block.Slots[slot].Time = now;
        block.Slots[slot].Fresh = true;
    }

    private static void Clear(MetricBlock block, int slot)
    {
        if (slot >= 0)
        {
            block.Slots[slot].Time = 0;
        }
    }

    private static void SetText(MetricBlock block, int slot, ReadOnlySpan<byte> bytes, long now, Func<byte[], string> format)
    {
        if (slot < 0)
        {
            return;
        }

        var previous = block.RawText[slot];
        if (previous is null || !bytes.SequenceEqual(previous))
        {
            var copy = bytes.ToArray();
            block.RawText[slot] = copy;
            block.Texts[slot] = format(copy);
        }

        block.Slots[slot].Time = now;
        block.Slots[slot].Fresh = true;
    }

    private static ReadOnlySpan<byte> TrimNul(ReadOnlySpan<byte> bytes)
    {
        var end = bytes.IndexOf((byte)0);
        return end < 0 ? bytes : bytes[..end];
    }
}
