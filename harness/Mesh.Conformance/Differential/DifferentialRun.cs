using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Mesh.Conformance.Differential;

/// <summary>One case on which our code and an independent implementation disagree, with what reproduces it.</summary>
public sealed record Disagreement(string Primitive, int Case, string Oracle, string Inputs, string Ours, string Theirs)
{
    public override string ToString() =>
        $"  {Primitive} case {Case} vs {Oracle}:\n    inputs: {Inputs}\n    ours:   {Ours}\n    theirs: {Theirs}";
}

/// <summary>What one primitive gave: cases generated, comparisons made (a case meets several oracles), disagreements.</summary>
public sealed record PrimitiveResult(string Name, int Cases, int Comparisons, IReadOnlyList<Disagreement> Disagreements, int OpenSslCases, TimeSpan Elapsed)
{
    public int Agreements => Comparisons - Disagreements.Count;
}

/// <summary>
/// The state of one primitive's run: the seeded inputs of each case, the batches of the independent
/// implementations, and the tally. Case i of primitive P under seed S always has the same inputs
/// (its random stream is SHA-512 counter mode over "S/P/i"), so a reproducer is the triple.
/// </summary>
public sealed class DifferentialRun(string primitive, int seed, string checker, int openSslCases = int.MaxValue)
{
    readonly List<Disagreement> disagreements = [];
    int comparisons;

    public string Primitive => primitive;
    public int Seed => seed;
    public PythonBatch Python { get; } = new(checker);
    public OpenSslBatch OpenSsl { get; } = new(openSslCases);

    public CaseRandom Case(int index) => new($"{seed}/{primitive}/{index}", index);

    public void Compare(int index, string oracle, string inputs, string ours, string? theirs)
    {
        comparisons++;
        if (ours != theirs) disagreements.Add(new Disagreement(primitive, index, oracle, inputs, ours, theirs ?? "(no answer)"));
    }

    public void Compare(int index, string oracle, string inputs, byte[] ours, byte[]? theirs) =>
        Compare(index, oracle, inputs, Hex(ours), theirs is null ? null : Hex(theirs));

    /// <summary>Our side threw: a disagreement unless the other side refused the same case.</summary>
    public void Compare(int index, string oracle, string inputs, Func<string> ours, string? theirs)
    {
        string value;
        try { value = ours(); }
        catch (Exception e) when (e is CryptographicException or ArgumentException or FormatException or InvalidOperationException)
        {
            value = "(refused: " + e.Message + ")";
        }
        Compare(index, oracle, inputs, value, theirs);
    }

    /// <summary>A Python answer's field, or its error.</summary>
    public static string? Field(JsonObject answer, string name) =>
        answer.TryGetPropertyValue(name, out var value) && value is not null
            ? value.GetValueKind() == System.Text.Json.JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString()
            : answer["error"] is { } error ? "(refused: " + error.GetValue<string>() + ")" : null;

    public void RunBatches()
    {
        Python.Run();
        OpenSsl.Run();
    }

    public PrimitiveResult Result(int cases, TimeSpan elapsed) => new(primitive, cases, comparisons, disagreements, OpenSsl.Sent, elapsed);

    public static string Hex(byte[] data) => Convert.ToHexString(data).ToLowerInvariant();
}

/// <summary>
/// A case's bytes: seeded, with the edge cases drawn on purpose by case index — all zeros, all ones,
/// leading zero octets, trailing zero octets (small little-endian values), the high bit set — and random otherwise.
/// </summary>
public sealed class CaseRandom(string label, int index)
{
    readonly Mesh.Wire.Crypto.SeededRandomSource stream = new(label);

    public byte[] Random(int count) => stream.GetBytes(count);

    public byte[] Edged(int count)
    {
        var bytes = stream.GetBytes(count);
        if (count == 0) return bytes;
        var zeros = 1 + Int(count / 2);
        switch (index % 8)
        {
            case 0: Array.Clear(bytes); break;
            case 1: Array.Fill(bytes, (byte)0xFF); break;
            case 2: Array.Clear(bytes, 0, zeros); break;
            case 3: Array.Clear(bytes, count - zeros, zeros); break;
            case 4: bytes[^1] |= 0x80; bytes[0] |= 0x80; break;
        }
        return bytes;
    }

    public int Int(int below) => below <= 0 ? 0 : (int)(BitConverter.ToUInt32(stream.GetBytes(4)) % (uint)below);

    public T Pick<T>(params T[] choices) => choices[Int(choices.Length)];

    public string Text(int length) => Encoding.ASCII.GetString(Random(length).Select(b => (byte)('a' + b % 26)).ToArray());
}
