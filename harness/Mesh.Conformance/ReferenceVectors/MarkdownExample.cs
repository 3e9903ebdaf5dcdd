using System.Text;
using System.Text.RegularExpressions;

namespace Mesh.Conformance.ReferenceVectors;

/// <summary>
/// One example file of a vector set: its text and the code blocks fenced by <c>~~~~</c> lines
/// (MANIFEST.md "Layout"). Blocks are kept byte for byte: the wire-form ones are exact writer output.
/// </summary>
public sealed partial class MarkdownExample
{
    MarkdownExample(string name, string text)
    {
        Name = name;
        Text = text;
        Blocks = FencedBlock().Matches(text).Select(m => m.Groups[1].Value).ToList();
    }

    public string Name { get; }
    public string Text { get; }
    public IReadOnlyList<string> Blocks { get; }

    public static MarkdownExample Load(string path) =>
        new(Path.GetFileName(path), File.ReadAllText(path, new UTF8Encoding(false)).Replace("\r\n", "\n"));

    public static MarkdownExample FromText(string name, string text) => new(name, text);

    /// <summary>The blocks that hold only hex octets, decoded, in order.</summary>
    public IEnumerable<byte[]> HexBlocks() => Blocks
        .Where(b => b.Trim().Length > 0 && HexOnly().IsMatch(b))
        .Select(ParseHex);

    public static byte[] ParseHex(string text) => Convert.FromHexString(string.Concat(text.Where(char.IsAsciiHexDigit)));

    /// <summary>The hex octets written after <paramref name="label"/> (e.g. <c>PRK =</c>) up to the next non-hex line.</summary>
    public static byte[]? HexAfter(string block, string label)
    {
        var start = block.IndexOf(label, StringComparison.Ordinal);
        if (start < 0) return null;
        var lines = block[(start + label.Length)..].Split('\n');
        var hex = new StringBuilder();
        var seen = false;
        foreach (var line in lines)
        {
            var trimmed = line.Trim();
            if (trimmed.Length == 0) { if (seen) break; continue; }
            if (!HexLine().IsMatch(trimmed)) break;
            hex.Append(trimmed.Replace(" ", ""));
            seen = true;
        }
        return seen ? Convert.FromHexString(hex.ToString()) : null;
    }

    [GeneratedRegex(@"^~~~~\n(.*?)\n~~~~$", RegexOptions.Singleline | RegexOptions.Multiline)]
    private static partial Regex FencedBlock();

    [GeneratedRegex(@"^[\s0-9A-Fa-f]+$")]
    private static partial Regex HexOnly();

    [GeneratedRegex(@"^([0-9A-Fa-f]{2}\s*)+$")]
    private static partial Regex HexLine();
}
