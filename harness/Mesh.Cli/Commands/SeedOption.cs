using System.Buffers.Binary;
using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Mesh.Cli.Commands;

/// <summary>
/// The <c>--seed</c> every command takes: any text, the same for all. Keys are derived from the text itself; a command
/// whose generator takes a number reads a decimal seed as that number and any other text as the first four bytes of
/// its SHA-256, so <c>--seed 7</c> and <c>--seed alpha</c> are valid everywhere and reproduce the same run.
/// </summary>
public static class SeedOption
{
    /// <summary>A seed of keys: the text is the key label.</summary>
    public static Option<string> Text(string description, string defaultSeed) =>
        new("--seed") { Description = description, DefaultValueFactory = _ => defaultSeed };

    /// <summary>A seed of a numbered generator (default 1).</summary>
    public static Option<int> Number(string description) => new("--seed")
    {
        Description = description + " (any text; a decimal number is used as it is)",
        DefaultValueFactory = _ => 1,
        CustomParser = result => NumberOf(result.Tokens.Single().Value),
    };

    public static int NumberOf(string seed) =>
        int.TryParse(seed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
            ? number
            : BinaryPrimitives.ReadInt32BigEndian(SHA256.HashData(Encoding.UTF8.GetBytes(seed)));
}
