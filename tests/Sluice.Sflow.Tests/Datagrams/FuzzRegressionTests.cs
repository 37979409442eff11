using Sluice.Fuzz;
using Xunit;

namespace Sluice.Sflow.Tests.Datagrams;

/// <summary>Inputs afl++ once found to crash the decode path; each must now decode (or fail) quietly.</summary>
public sealed class FuzzRegressionTests
{
    public static TheoryData<string> Inputs()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "testdata", "fuzz")))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void DecodeTarget_FormerCrash_DoesNotThrow(string name)
    {
        var bytes = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "testdata", "fuzz", name));

        var exception = Record.Exception(() => DecodeTarget.Run(bytes));

        Assert.Null(exception);
    }
}
