namespace Mesh.Conformance.ReferenceVectors;

/// <summary>One claim about a recorded example and whether it holds; <see cref="Detail"/> says why not.</summary>
public sealed record VectorCheck(string File, string Claim, bool Passed, string Detail = "")
{
    public override string ToString() =>
        $"{(Passed ? "PASS" : "FAIL")} {File}: {Claim}{(Passed || Detail.Length == 0 ? "" : " — " + Detail)}";
}

/// <summary>Collects checks in order; a check that throws becomes a FAIL naming the exception.</summary>
public sealed class CheckLog
{
    readonly List<VectorCheck> checks = [];
    readonly Action<VectorCheck>? onCheck;

    public CheckLog(Action<VectorCheck>? onCheck = null) => this.onCheck = onCheck;

    public IReadOnlyList<VectorCheck> Checks => checks;

    public void Claim(string file, string claim, bool passed, string detail = "")
    {
        var check = new VectorCheck(file, claim, passed, detail);
        checks.Add(check);
        onCheck?.Invoke(check);
    }

    public void Equal(string file, string claim, string expected, string actual) =>
        Claim(file, claim, expected == actual, $"expected {expected}, computed {actual}");

    public void Equal(string file, string claim, byte[] expected, byte[] actual) =>
        Claim(file, claim, expected.AsSpan().SequenceEqual(actual),
            $"expected {Convert.ToHexString(expected)}, computed {Convert.ToHexString(actual)}");

    /// <summary>Runs a group of checks; an exception is a failed claim, never a crash.</summary>
    public void Guard(string file, string what, Action action)
    {
        try { action(); }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Claim(file, what, false, $"{e.GetType().Name}: {e.Message}");
        }
    }
}
