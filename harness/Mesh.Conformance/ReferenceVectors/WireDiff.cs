using System.Text;

namespace Mesh.Conformance.ReferenceVectors;

/// <summary>Says where two wire texts first differ, with a little context on each side.</summary>
public static class WireDiff
{
    public static string Describe(byte[] expected, byte[] actual)
    {
        var length = Math.Min(expected.Length, actual.Length);
        var at = 0;
        while (at < length && expected[at] == actual[at]) at++;
        if (at == length && expected.Length == actual.Length) return "identical";
        var line = 1 + expected.AsSpan(0, at).Count((byte)'\n');
        return $"first difference at byte {at} (line {line}): expected «{Excerpt(expected, at)}», wrote «{Excerpt(actual, at)}»" +
               (expected.Length != actual.Length ? $"; lengths {expected.Length} and {actual.Length}" : "");
    }

    static string Excerpt(byte[] text, int at)
    {
        var from = Math.Max(0, at - 20);
        var to = Math.Min(text.Length, at + 20);
        return Encoding.UTF8.GetString(text, from, to - from).Replace("\n", "\\n");
    }
}
