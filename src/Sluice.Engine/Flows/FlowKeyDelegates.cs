namespace Sluice.Engine.Flows;

/// <summary>Writes a key's text; returns the length, or -1 when the sample lacks the key.</summary>
internal delegate int FlowTextReader(FlowSampleContext context, Span<char> destination);

/// <summary>Writes a key's raw address (4 or 16 bytes) or MAC (6 bytes); returns the length, or -1 when missing.</summary>
internal delegate int FlowBytesReader(FlowSampleContext context, Span<byte> destination);

/// <summary>Reads a numeric key; false when missing.</summary>
internal delegate bool FlowNumberReader(FlowSampleContext context, out long value);
