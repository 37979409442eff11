namespace Sluice.Engine.Bgp;

/// <summary>A large community (RFC 8092): global administrator and two local data parts.</summary>
public readonly record struct BgpLargeCommunity(uint GlobalAdministrator, uint LocalData1, uint LocalData2);
