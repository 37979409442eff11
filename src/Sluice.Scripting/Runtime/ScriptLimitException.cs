namespace Sluice.Scripting.Runtime;

/// <summary>
/// A callback went past one of its <see cref="Hosting.ScriptLimits"/>. Thrown from inside the interpreter, so Jint
/// attaches the script location; scripts cannot catch it, and the script is stopped.
/// </summary>
public sealed class ScriptLimitException : Exception
{
    public ScriptLimitException()
    {
    }

    public ScriptLimitException(string message)
        : base(message)
    {
    }

    public ScriptLimitException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
