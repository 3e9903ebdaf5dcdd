using System.CommandLine;
using Mesh.Cli.Commands;

namespace Mesh.Conformance.Tests.Targets;

/// <summary>Every command's <c>--seed</c> takes any text; a numbered generator reads a decimal seed as it is.</summary>
public class SeedOptionTests
{
    [Theory]
    [InlineData("7", 7)]
    [InlineData("-3", -3)]
    public void A_decimal_seed_is_that_number(string text, int expected) => Assert.Equal(expected, Parse("--seed", text));

    [Fact]
    public void Other_text_is_a_seed_too_and_the_same_text_gives_the_same_number()
    {
        Assert.Equal(Parse("--seed", "alpha"), Parse("--seed", "alpha"));
        Assert.NotEqual(Parse("--seed", "alpha"), Parse("--seed", "beta"));
        Assert.Equal(1, Parse());
    }

    static int Parse(params string[] arguments)
    {
        var option = SeedOption.Number("seed");
        var parse = new RootCommand { option }.Parse(arguments);
        Assert.Empty(parse.Errors);
        return parse.GetValue(option);
    }
}
