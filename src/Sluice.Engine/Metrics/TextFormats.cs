using System.Globalization;

namespace Sluice.Engine.Metrics;

/// <summary>The strings of enumerated counter fields, as sFlow-RT shows them.</summary>
internal static class TextFormats
{
    // Host sFlow, host_descr: enum os_name.
    private static readonly string[] OsNames =
    [
        "unknown", "other", "linux", "windows", "darwin", "hpux", "aix", "dragonfly", "freebsd", "netbsd",
        "openbsd", "osf", "solaris", "java",
    ];

    // Host sFlow, host_descr: enum machine_type.
    private static readonly string[] MachineTypes =
    [
        "unknown", "other", "x86", "x86_64", "ia64", "sparc", "alpha", "powerpc", "m68k", "mips", "arm", "hppa", "s390",
    ];

    // sFlow v5, if_counters: ifDirection.
    private static readonly string[] Directions = ["unknown", "full-duplex", "half-duplex", "in", "out"];

    // Host sFlow, virt_cpu: enum virDomainState (libvirt).
    private static readonly string[] VirtualStates = ["nostate", "running", "blocked", "paused", "shutdown", "shutoff", "crashed"];

    /// <summary>The IANAifType names sFlow agents commonly report (IANAifType-MIB).</summary>
    private static readonly Dictionary<uint, string> IfTypes = new()
    {
        [1] = "other",
        [6] = "ethernetCsmacd",
        [9] = "iso88025TokenRing",
        [23] = "ppp",
        [24] = "softwareLoopback",
        [53] = "propVirtual",
        [62] = "fastEther",
        [71] = "ieee80211",
        [117] = "gigabitEthernet",
        [131] = "tunnel",
        [135] = "l2vlan",
        [136] = "l3ipvlan",
        [142] = "ipForward",
        [161] = "ieee8023adLag",
        [166] = "mpls",
        [209] = "bridge",
    };

    public static string Format(TextFormat format, ulong raw) => format switch
    {
        TextFormat.OsName => Pick(OsNames, raw),
        TextFormat.MachineType => Pick(MachineTypes, raw),
        TextFormat.IfDirection => Pick(Directions, raw),
        TextFormat.VirtualState => Pick(VirtualStates, raw),
        TextFormat.IfType => IfTypes.TryGetValue((uint)raw, out var name) ? name : Decimal(raw),
        TextFormat.Hex64 => raw.ToString("x16", CultureInfo.InvariantCulture),
        _ => Decimal(raw),
    };

    private static string Pick(string[] names, ulong raw) => raw < (ulong)names.Length ? names[raw] : Decimal(raw);

    private static string Decimal(ulong raw) => raw.ToString(CultureInfo.InvariantCulture);
}
