namespace Sluice.Sflow.Records;

/// <summary>Short constructors for <see cref="FieldSpec"/>, so layouts read like the specifications.</summary>
public static class Fields
{
    public static FieldSpec U32(string name, FieldDisplay display = FieldDisplay.Number) =>
        new(name, FieldType.Word32) { Display = display };

    public static FieldSpec U64(string name, FieldDisplay display = FieldDisplay.Number) =>
        new(name, FieldType.Word64) { Display = display };

    public static FieldSpec F32(string name) =>
        new(name, FieldType.Real32) { Display = FieldDisplay.Float3 };

    public static FieldSpec F64(string name) =>
        new(name, FieldType.Real64) { Display = FieldDisplay.Float3 };

    public static FieldSpec Percent(string name) =>
        new(name, FieldType.Word32) { Display = FieldDisplay.Percent };

    public static FieldSpec Str(string name, int maxLength, FieldDisplay display = FieldDisplay.Text) =>
        new(name, FieldType.Text) { MaxLength = maxLength, Display = display };

    public static FieldSpec Opaque(string name, FieldDisplay display = FieldDisplay.HexBytes) =>
        new(name, FieldType.Opaque) { Display = display };

    public static FieldSpec Mac(string name) =>
        new(name, FieldType.Fixed) { FixedLength = 6, Display = FieldDisplay.Mac };

    public static FieldSpec Uuid(string name) =>
        new(name, FieldType.Fixed) { FixedLength = 16, Display = FieldDisplay.Uuid };

    public static FieldSpec IPv4(string name) =>
        new(name, FieldType.Fixed) { FixedLength = 4, Display = FieldDisplay.IPAddress };

    public static FieldSpec IPv6(string name) =>
        new(name, FieldType.Fixed) { FixedLength = 16, Display = FieldDisplay.IPAddress };

    public static FieldSpec Address(string name) =>
        new(name, FieldType.Address) { Display = FieldDisplay.IPAddress };

    public static FieldSpec List(string name, params FieldSpec[] item) =>
        new(name, FieldType.List) { Item = item };

    /// <summary>A count word followed by that many 32-bit values (communities, label stacks, AS paths).</summary>
    public static FieldSpec U32List(string name, FieldDisplay display = FieldDisplay.Hidden) =>
        new(name, FieldType.List) { Item = [U32(name + "_item", FieldDisplay.Hidden)], Display = display };

    /// <summary>A field appended by a later revision of the structure: present only in records longer than <paramref name="length"/>.</summary>
    public static FieldSpec Appended(FieldSpec field, int length)
    {
        ArgumentNullException.ThrowIfNull(field);
        return field with { PresentIfLongerThan = length };
    }

    /// <summary>A field that datagrams older than <paramref name="version"/> lack.</summary>
    public static FieldSpec Since(FieldSpec field, uint version)
    {
        ArgumentNullException.ThrowIfNull(field);
        return field with { MinVersion = version };
    }
}
