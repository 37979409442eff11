using System.Net;
using System.Net.Sockets;
using Sluice.Engine.Bgp.Wire;

namespace Sluice.Engine.Bgp.Rib;

/// <summary>
/// A neighbor's Adj-RIB-In (RFC 4271 §3.2): the IPv4 and IPv6 unicast routes it advertises, at most
/// <see cref="MaxPrefixes"/> of them (more are counted in <see cref="Dropped"/> and not kept), emptied when the session
/// goes down. Updates come from the session's thread, lookups from REST and scripts; one lock guards both.
/// </summary>
public sealed class BgpRibIn
{
    private readonly Lock _lock = new();
    private readonly BgpPrefixTable _ipv4 = new(false);
    private readonly BgpPrefixTable _ipv6 = new(true);
    private long _added;
    private long _removed;
    private long _dropped;

    public BgpRibIn(int maxPrefixes) => MaxPrefixes = maxPrefixes;

    public int MaxPrefixes { get; }

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _ipv4.Count + _ipv6.Count;
            }
        }
    }

    /// <summary>The IPv4 (or, with <paramref name="ipv6"/>, IPv6) prefixes kept.</summary>
    public int FamilyCount(bool ipv6)
    {
        lock (_lock)
        {
            return ipv6 ? _ipv6.Count : _ipv4.Count;
        }
    }

    /// <summary>Prefixes learned since start (a replaced route does not count again).</summary>
    public long Added => Interlocked.Read(ref _added);

    /// <summary>Prefixes withdrawn, or dropped with the session.</summary>
    public long Removed => Interlocked.Read(ref _removed);

    /// <summary>Announcements not kept because the table was full.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    public void Apply(BgpUpdate update)
    {
        ArgumentNullException.ThrowIfNull(update);
        lock (_lock)
        {
            foreach (var prefix in update.Withdrawn)
            {
                if (Table(prefix.BaseAddress).Remove(prefix))
                {
                    _removed++;
                }
            }

            if (update.Announced.Count == 0)
            {
                return;
            }

            var attributes = new BgpLearnedAttributes(update.AsPath, update.NextHop, update.Communities, update.LocalPref);
            foreach (var prefix in update.Announced)
            {
                var table = Table(prefix.BaseAddress);
                if (_ipv4.Count + _ipv6.Count >= MaxPrefixes && !table.Contains(prefix))
                {
                    _dropped++;
                    continue;
                }

                if (table.Set(new BgpLearnedRoute(prefix, attributes)))
                {
                    _added++;
                }
            }
        }
    }

    /// <summary>The session went down: every route it taught goes (RFC 4271 §9.1.4 ... its routes are no longer valid).</summary>
    public void Clear()
    {
        lock (_lock)
        {
            _removed += _ipv4.Count + _ipv6.Count;
            _ipv4.Clear();
            _ipv6.Clear();
        }
    }

    /// <summary>The most specific route covering <paramref name="address"/>; null when none does.</summary>
    public BgpLearnedRoute? Lookup(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        lock (_lock)
        {
            return Table(address).Lookup(address);
        }
    }

    /// <summary>Longest-prefix match of many addresses under one lock: <paramref name="found"/> gets each match (or null).</summary>
    public void LookupAll(IReadOnlyList<IPAddress> addresses, BgpLearnedRoute?[] found)
    {
        ArgumentNullException.ThrowIfNull(addresses);
        ArgumentNullException.ThrowIfNull(found);
        lock (_lock)
        {
            for (var i = 0; i < addresses.Count; i++)
            {
                found[i] = Table(addresses[i]).Lookup(addresses[i]);
            }
        }
    }

    public IReadOnlyList<BgpLearnedRoute> Routes()
    {
        lock (_lock)
        {
            return [.. _ipv4.All(), .. _ipv6.All()];
        }
    }

    private BgpPrefixTable Table(IPAddress address) => address.AddressFamily == AddressFamily.InterNetworkV6 ? _ipv6 : _ipv4;
}
