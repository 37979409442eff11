namespace Sluice.Scripting.Hosting;

/// <summary>An installed app (sflow-rt-api.md §6.4): <c>app/NAME/</c> with its <c>scripts/*.js</c> and, when present, <c>html/</c>.</summary>
public sealed record AppInfo(string Name, string Directory, string? HtmlDirectory, IReadOnlyList<string> Scripts);
