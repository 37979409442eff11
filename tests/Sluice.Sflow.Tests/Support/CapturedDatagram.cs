namespace Sluice.Sflow.Tests.Support;

/// <summary>One UDP payload read from a capture, with its pcap time.</summary>
internal readonly record struct CapturedDatagram(long Seconds, int Microseconds, byte[] Payload);
