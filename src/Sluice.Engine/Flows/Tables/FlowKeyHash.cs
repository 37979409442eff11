using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.InteropServices;

namespace Sluice.Engine.Flows.Tables;

/// <summary>
/// The 32-bit hash a flow table indexes its keys by: the UTF-16 text read 8 bytes at a time, each chunk mixed in by
/// a multiply and a rotation (as xxHash64's rounds do), then MurmurHash3's 64-bit finalizer (<see cref="FlowHash.Avalanche"/>) so that every output bit
/// depends on every input bit, folded to 32 bits. Keys are ~20–60 characters, so this costs a few multiplies where a
/// per-character hash would cost one per character. Deterministic, unlike <see cref="string.GetHashCode()"/>, so a
/// table's layout is reproducible; nothing outside the process sees it, so it needs no seed.
/// </summary>
internal static class FlowKeyHash
{
    private const ulong Prime1 = 0x9E3779B185EBCA87;
    private const ulong Prime2 = 0xC2B2AE3D27D4EB4F;

    public static uint Of(ReadOnlySpan<char> key)
    {
        var bytes = MemoryMarshal.AsBytes(key);
        // The length is mixed in first so that the zero padding of the last chunk cannot make two keys equal.
        var hash = Prime2 ^ ((ulong)bytes.Length * Prime1);
        while (bytes.Length >= sizeof(ulong))
        {
            hash = Round(hash, BinaryPrimitives.ReadUInt64LittleEndian(bytes));
            bytes = bytes[sizeof(ulong)..];
        }

        if (!bytes.IsEmpty)
        {
            // 2, 4 or 6 bytes are left (whole characters).
            ulong tail = 0;
            var shift = 0;
            if (bytes.Length >= sizeof(uint))
            {
                tail = BinaryPrimitives.ReadUInt32LittleEndian(bytes);
                bytes = bytes[sizeof(uint)..];
                shift = 32;
            }

            if (!bytes.IsEmpty)
            {
                tail |= (ulong)BinaryPrimitives.ReadUInt16LittleEndian(bytes) << shift;
            }

            hash = Round(hash, tail);
        }

        hash = FlowHash.Avalanche(hash);
        return (uint)hash ^ (uint)(hash >> 32);
    }

    private static ulong Round(ulong hash, ulong chunk) => BitOperations.RotateLeft(hash ^ (chunk * Prime1), 31) * Prime2;
}
