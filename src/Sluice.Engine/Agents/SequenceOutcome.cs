namespace Sluice.Engine.Agents;

/// <summary>What one sequence number says about the stream it belongs to.</summary>
public enum SequenceOutcome : byte
{
    /// <summary>The first number seen.</summary>
    First,

    /// <summary>The next number, as expected.</summary>
    InOrder,

    /// <summary>Ahead of the next expected number: the numbers in between were lost.</summary>
    Gap,

    /// <summary>The same number again.</summary>
    Duplicate,

    /// <summary>Behind the last number, but close enough to be a late arrival.</summary>
    OutOfOrder,

    /// <summary>Far behind the last number: the agent restarted and numbering began again.</summary>
    Reset,
}
