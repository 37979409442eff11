namespace Sluice.Engine.Enrichment.Snmp;

/// <summary>
/// An SNMPv3 agent answered with a Report instead of a Response: the user is unknown, the keys are wrong, the security
/// level is not allowed, and so on. <see cref="Counter"/> names the usmStats counter the report carried.
/// </summary>
public sealed class SnmpReportException : Exception
{
    public SnmpReportException()
    {
    }

    public SnmpReportException(string message)
        : base(message)
    {
    }

    public SnmpReportException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public SnmpReportException(SnmpOid counter, string message)
        : base(message) => Counter = counter;

    public SnmpOid? Counter { get; }
}
