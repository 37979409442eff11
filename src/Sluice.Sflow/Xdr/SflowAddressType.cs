namespace Sluice.Sflow.Xdr;

/// <summary>sFlow v5 <c>address_type</c>.</summary>
public enum SflowAddressType : byte
{
    Unknown = 0,
    IPv4 = 1,
    IPv6 = 2,
}
