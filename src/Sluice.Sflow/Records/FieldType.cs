namespace Sluice.Sflow.Records;

/// <summary>How a record field is laid out in XDR.</summary>
public enum FieldType : byte
{
    /// <summary>unsigned int (4 bytes).</summary>
    Word32,

    /// <summary>unsigned hyper (8 bytes).</summary>
    Word64,

    /// <summary>IEEE float (4 bytes).</summary>
    Real32,

    /// <summary>IEEE double (8 bytes).</summary>
    Real64,

    /// <summary>string&lt;N&gt;: length word, bytes, padding. <see cref="FieldSpec.MaxLength"/> bounds what consumers keep.</summary>
    Text,

    /// <summary>opaque&lt;&gt;: length word, bytes, padding.</summary>
    Opaque,

    /// <summary>opaque[N]: exactly <see cref="FieldSpec.FixedLength"/> bytes plus padding (MAC = 6, UUID = 16, IPv4 = 4, IPv6 = 16).</summary>
    Fixed,

    /// <summary>address: type word then 4 or 16 bytes.</summary>
    Address,

    /// <summary>A count word then that many items, each laid out as <see cref="FieldSpec.Item"/>.</summary>
    List,
}
