using Sluice.Scripting.Runtime;
using Sluice.Scripting.Tests.Support;
using Xunit;

namespace Sluice.Scripting.Tests.Runtime;

public sealed class NashornRewriterTests
{
    [Theory]
    [InlineData("for each (var x in list) { s += x; }", "for (var x of __sluiceEach(list)) { s += x; }")]
    [InlineData("for each(x in obj.items) f(x);", "for (x of __sluiceEach(obj.items)) f(x);")]
    [InlineData("a.sort(function(a,b) a - b);", "a.sort(function(a,b) { return a - b; });")]
    [InlineData("var f = function cmp(x) x * 2;", "var f = function cmp(x) { return x * 2; };")]
    [InlineData("m(function(a) [a, a], 3)", "m(function(a) { return [a, a]; }, 3)")]
    public void Rewrite_NashornForms_BecomeStandard(string source, string expected) =>
        Assert.Equal(expected, NashornRewriter.Rewrite(source));

    [Theory]
    [InlineData("var s = 'for each (var x in y)'; // function(a) a")]
    [InlineData("function f(a) { return a; }\nvar g = function() { return 1; };")]
    [InlineData("var r = /function(a) a/; var each = 1; for (var k in o) {}")]
    [InlineData("var t = `function(x) ${x} for each (a in b)`;")]
    public void Rewrite_StandardCode_Unchanged(string source) =>
        Assert.Equal(source, NashornRewriter.Rewrite(source));

    [Fact]
    public void Rewrite_KeepsLineBreaks()
    {
        const string source = "var a = [3,1,2];\na.sort(function(x, y)\n  x - y);\nfor each (var v in a) {\n  t += v;\n}\n";

        Assert.Equal(source.Count(c => c == '\n'), NashornRewriter.Rewrite(source).Count(c => c == '\n'));
    }

    [Fact]
    public async Task Script_WithNashornForms_RunsAsNashornWould()
    {
        await using var host = await ScriptTestHost.StartAsync(new Dictionary<string, string>
        {
            ["app/old/scripts/main.js"] = """
                var list = [5, 3, 9, 1];
                list.sort(function(a, b) a - b);
                var total = 0;
                for each (var v in list) { total += v; }
                var names = '';
                for each (var n in {a: 'x', b: 'y'}) names += n;
                setHttpHandler(function(req) { return { sorted: list, total: total, names: names }; });
                """,
        });

        var response = await host.RequestAsync("old", "main.js", "json");

        Assert.Equal("""{"sorted":[1,3,5,9],"total":18,"names":"xy"}""", response.Body);
    }
}
