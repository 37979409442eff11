using System.Reflection;

namespace Sluice;

/// <summary>The product version, as <c>/version</c> and <c>/analyzer/json</c> report it.</summary>
internal static class SluiceVersion
{
    public static string Text { get; } =
        typeof(SluiceVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? "0.0.0";
}
