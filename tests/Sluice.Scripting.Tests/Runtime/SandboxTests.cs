using System.Text.Json;
using Sluice.Scripting.Tests.Support;
using Xunit;

namespace Sluice.Scripting.Tests.Runtime;

/// <summary>
/// The script sandbox: no CLR interop, no module loader, no process or file access beyond the documented API
/// (<c>include</c> within the script's folder, <c>storeGet</c>/<c>storeSet</c>, <c>http()</c> to http and https URLs).
/// </summary>
public sealed class SandboxTests
{
    private const string Probes = """
        var probes = {};
        function probe(name, f) {
          try { probes[name] = String(f()); } catch (e) { probes[name] = 'threw ' + e; }
        }
        probe('importNamespace', function() { return typeof importNamespace; });
        probe('System', function() { return typeof System; });
        probe('require', function() { return require('fs'); });
        probe('process', function() { return typeof process; });
        probe('Java', function() { return typeof Java; });
        probe('Packages', function() { return typeof Packages; });
        probe('clrOfNumber', function() { return typeof (1).GetType; });
        probe('clrOfApi', function() { return typeof logInfo.GetType + ' ' + typeof logInfo.Method; });
        probe('constructorEscape', function() { return (function() {}).constructor('return typeof System + typeof importNamespace')(); });
        probe('evalEscape', function() { return eval('typeof importNamespace'); });
        probe('globalNames', function() { return Object.getOwnPropertyNames(this).filter(function(n) { return /clr|^System$|import|require|process|^file|^java|^packages$/i.test(n); }).join(','); });
        probe('includeAbsolute', function() { include('/etc/hostname'); return 'included'; });
        probe('includeUp', function() { include(scriptdir() + '/../../../../../../etc/hostname'); return 'included'; });
        probe('httpFile', function() { return http('file:///etc/hostname'); });
        setHttpHandler(function() { return probes; });
        """;

    [Fact]
    public async Task Script_ReachesForClrFilesOrProcesses_FindsNothing()
    {
        await using var host = await ScriptTestHost.StartAsync(new Dictionary<string, string> { ["app/evil/scripts/main.js"] = Probes });

        var response = await host.RequestAsync("evil", "main.js", "json");
        using var json = JsonDocument.Parse(response.Body!);
        var probes = json.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);

        Assert.True(host.Script("evil", "main.js").Alive);
        Assert.Equal("undefined", probes["importNamespace"]);
        Assert.Equal("undefined", probes["System"]);
        Assert.StartsWith("threw ReferenceError", probes["require"], StringComparison.Ordinal);
        Assert.Equal("undefined", probes["process"]);
        Assert.Equal("undefined", probes["Java"]);
        Assert.Equal("undefined", probes["Packages"]);
        Assert.Equal("undefined", probes["clrOfNumber"]);
        Assert.Equal("undefined undefined", probes["clrOfApi"]);
        Assert.Equal("undefinedundefined", probes["constructorEscape"]);
        Assert.Equal("undefined", probes["evalEscape"]);
        Assert.Equal(string.Empty, probes["globalNames"]);
        Assert.Contains("outside the script's folder", probes["includeAbsolute"], StringComparison.Ordinal);
        Assert.Contains("outside the script's folder", probes["includeUp"], StringComparison.Ordinal);
        Assert.Contains("is not an http or https URL", probes["httpFile"], StringComparison.Ordinal);
    }
}
