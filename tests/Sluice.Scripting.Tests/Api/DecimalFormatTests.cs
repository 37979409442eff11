using Sluice.Scripting.Api;
using Xunit;

namespace Sluice.Scripting.Tests.Api;

public sealed class DecimalFormatTests
{
    [Theory]
    [InlineData(1234567.891, "#,##0 seconds", "1,234,568 seconds")]
    [InlineData(12.5, "0'%' difference", "12% difference")]
    [InlineData(3.14159, "0.00", "3.14")]
    [InlineData(2.5, "0", "2")]
    [InlineData(3.5, "0", "4")]
    [InlineData(1234.5, "#,##0.#", "1,234.5")]
    [InlineData(1234, "#,##0.#", "1,234")]
    [InlineData(0.256, "0.0%", "25.6%")]
    [InlineData(-42.126, "0.00", "-42.13")]
    [InlineData(-5, "0;(0)", "(5)")]
    [InlineData(7, "000", "007")]
    [InlineData(0.5, "#.##", ".5")]
    [InlineData(0, "#,##0", "0")]
    [InlineData(-0.001, "0", "0")]
    [InlineData(1e6, "'It''s' 0", "It's 1000000")]
    public void Format_JavaPatterns_MatchDecimalFormat(double value, string pattern, string expected) =>
        Assert.Equal(expected, DecimalFormat.Format(value, pattern));

    [Fact]
    public void Format_PatternWithoutDigits_Throws() =>
        Assert.Throws<FormatException>(() => DecimalFormat.Format(1, "seconds"));
}
