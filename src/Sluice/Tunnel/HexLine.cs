namespace Sluice.Tunnel;

/// <summary>One datagram as one line of lower-case hex (the sflow_fwd.py wire format), both ways.</summary>
internal static class HexLine
{
    /// <summary>Writes the hex of <paramref name="datagram"/> and a newline into <paramref name="line"/>; returns its length.</summary>
    public static int Encode(ReadOnlySpan<byte> datagram, Span<byte> line)
    {
        Convert.TryToHexStringLower(datagram, line, out var written);
        line[written] = (byte)'\n';
        return written + 1;
    }

    /// <summary>
    /// Parses one line (without its newline; a trailing CR is ignored) into <paramref name="datagram"/>.
    /// Returns the datagram length, or -1 with a reason when the line is not an even run of hex digits.
    /// </summary>
    public static int Decode(ReadOnlySpan<char> line, Span<byte> datagram, out string? error)
    {
        line = line.TrimEnd('\r').Trim(' ');
        error = null;
        if (line.IsEmpty)
        {
            error = "empty line";
            return -1;
        }

        if (line.Length % 2 != 0)
        {
            error = $"odd number of hex digits ({line.Length})";
            return -1;
        }

        if (line.Length / 2 > datagram.Length)
        {
            error = $"longer than a UDP datagram ({line.Length / 2} bytes)";
            return -1;
        }

        var status = Convert.FromHexString(line, datagram, out _, out var written);
        if (status != System.Buffers.OperationStatus.Done)
        {
            error = "contains a character that is not a hex digit";
            return -1;
        }

        return written;
    }
}
