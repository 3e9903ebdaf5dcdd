using System.Text.Json.Nodes;
using Mesh.Conformance.Differential;
using Mesh.Conformance.ReferenceVectors;
using Mesh.Wire.Crypto;

namespace Mesh.Conformance.Tests.ReferenceVectors;

/// <summary>
/// The differential comparison in CI: every primitive on a seeded set of cases against the checker's Python
/// functions, openssl and BouncyCastle. python3 (with 'cryptography'), openssl and the checker must be present:
/// without them these tests fail saying which is missing, they never pass on our code alone.
/// `./run-conformance.sh differential --cases N` runs any number by hand.
/// </summary>
public class DifferentialTests
{
    const int Seed = 20260310;

    /// <summary>Cases per primitive: a few hundred, fewer where a case costs pure-Python curve arithmetic.</summary>
    public static TheoryData<string, int> Cases()
    {
        var expensive = new HashSet<string> { "dare-encryption", "dare-example", "ed448-derived", "edwards-agreement" };
        var data = new TheoryData<string, int>();
        foreach (var name in Primitives.All.Keys) data.Add(name, expensive.Contains(name) ? 40 : 150);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Ours_agrees_with_the_independent_implementations(string primitive, int cases)
    {
        var result = Assert.Single(DifferentialComparison.Run(cases, Seed, [primitive], openSslCases: 15));
        Assert.True(result.Disagreements.Count == 0, string.Join("\n", result.Disagreements.Take(5)));
        Assert.True(result.Comparisons >= cases, $"{result.Comparisons} comparisons for {cases} cases");
    }

    [Fact]
    public void A_wrong_answer_is_a_disagreement_with_its_reproducer()
    {
        var run = new DifferentialRun("hkdf", Seed, PythonBatch.LocateChecker());
        var ours = SymmetricCrypto.Hkdf(System.Security.Cryptography.HashAlgorithmName.SHA256, [1, 2, 3], [], "master"u8, 32);
        ours[0] ^= 1;
        run.Python.Add(new JsonObject { ["op"] = "hkdf", ["hash"] = "SHA256", ["ikm"] = "010203", ["salt"] = "", ["info"] = "6d6173746572", ["length"] = 32 },
            answer => run.Compare(0, "python", "ikm=010203", DifferentialRun.Hex(ours), DifferentialRun.Field(answer, "okm")));
        run.RunBatches();
        var disagreement = Assert.Single(run.Result(1, TimeSpan.Zero).Disagreements);
        Assert.Contains("ikm=010203", disagreement.ToString());
        Assert.Contains(DifferentialRun.Hex(ours), disagreement.ToString());
    }

    [Fact]
    public void Case_inputs_depend_only_on_seed_primitive_and_index()
    {
        var first = new DifferentialRun("aes-cbc", Seed, "unused").Case(7).Edged(32);
        Assert.Equal(first, new DifferentialRun("aes-cbc", Seed, "unused").Case(7).Edged(32));
        Assert.NotEqual(first, new DifferentialRun("aes-cbc", Seed + 1, "unused").Case(7).Edged(32));
    }

    [Fact]
    public void The_checker_refuses_a_damaged_generated_example()
    {
        var folder = Directory.CreateTempSubdirectory("mesh-dare-example-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(folder, "Examples"));
            var text = new DareExampleWriter(new SeededRandomSource("damaged")).Write();
            var salt = text.IndexOf("unique salt value:", StringComparison.Ordinal);
            var digit = text.IndexOfAny("0123456789ABCDEF".ToCharArray(), text.IndexOf("\n  ", salt, StringComparison.Ordinal) + 3);
            text = text[..digit] + (text[digit] == '0' ? '1' : '0') + text[(digit + 1)..];
            File.WriteAllText(Path.Combine(folder, "Examples", "ExamplesDAREMessage.md"), text);
            string? claims = null;
            var batch = new PythonBatch(PythonBatch.LocateChecker());
            batch.Add(new JsonObject { ["op"] = "check-dare", ["folder"] = folder }, answer => claims = DifferentialRun.Field(answer, "claims"));
            batch.Run();
            Assert.Contains("FAIL", claims);
            Assert.Contains(ReferenceVectorVerifier.Verify(folder), c => c.File == "ExamplesDAREMessage.md" && !c.Passed);
        }
        finally { Directory.Delete(folder, recursive: true); }
    }
}
