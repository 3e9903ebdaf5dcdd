using System.Diagnostics;
using System.Text.RegularExpressions;
using Mesh.Cli.Commands;
using Mesh.Conformance.ReferenceVectors;

namespace Mesh.Conformance.Tests.ReferenceVectors;

/// <summary>
/// verify-vectors over the author's recorded sets: every claim holds, and a single flipped character in a
/// signature, digest, payload or published value turns the run red with a line that says where.
/// </summary>
public class ReferenceVectorVerifierTests
{
    [VectorFact]
    public void Every_checkable_claim_of_every_shared_set_holds()
    {
        foreach (var set in SharedVectors.Sets)
        {
            var checks = ReferenceVectorVerifier.Verify(set);
            Assert.All(checks, check => Assert.True(check.Passed, check.ToString()));
            // The independent checker's 51 claims are a floor: signatures, digests, key UDFs, wire text, UDF and DARE.
            Assert.True(checks.Count >= 51, $"{set}: only {checks.Count} claims");
            foreach (var kind in new[] { "signature by", "PayloadDigest ==", "UDF(keyinfo(", "re-serialisation", "precision", "compressed", "derived", "decrypts", "witness" })
                Assert.Contains(checks, c => c.Claim.Contains(kind, StringComparison.Ordinal));
        }
    }

    public static TheoryData<string, string> Mutations => new()
    {
        { "a signature", "\"signature\": \"" },
        { "a PayloadDigest", "\"PayloadDigest\": \"" },
        { "an envelope payload", "\"EnvelopedProfileService\": [{\n        \"dig\": \"SHA2\"},\n      \"" },
        { "a signer kid", "\"kid\": \"" },
    };

    [VectorTheory]
    [MemberData(nameof(Mutations))]
    public void A_flipped_character_in_a_protocol_example_turns_the_run_red(string what, string marker)
    {
        var copy = SharedVectors.CopyOf(SharedVectors.Sets[0]);
        try
        {
            var file = Path.Combine(copy, "Examples", "ProtocolHello.md");
            var text = File.ReadAllText(file);
            var at = text.IndexOf(marker, StringComparison.Ordinal);
            Assert.True(at >= 0, $"{what}: marker not found in ProtocolHello.md");
            var target = at + marker.Length + 10; // well inside the value, away from padding bits
            var flipped = text[target] == 'A' ? 'B' : 'A';
            File.WriteAllText(file, text[..target] + flipped + text[(target + 1)..]);

            var failures = ReferenceVectorVerifier.Verify(copy).Where(c => !c.Passed).ToList();
            Assert.NotEmpty(failures);
            Assert.All(failures, f => Assert.Equal("ProtocolHello.md", f.File));
        }
        finally { Directory.Delete(copy, recursive: true); }
    }

    [VectorFact]
    public void A_changed_published_udf_value_turns_the_run_red()
    {
        var copy = SharedVectors.CopyOf(SharedVectors.Sets[0]);
        try
        {
            var file = Path.Combine(copy, "Examples", "UDFEncrypt.md");
            var text = File.ReadAllText(file);
            var udf = Regex.Match(text, @"UDF:\s*(\S+)").Groups[1];
            var changed = udf.Value[..5] + (udf.Value[5] == 'A' ? 'B' : 'A') + udf.Value[6..];
            File.WriteAllText(file, text[..udf.Index] + changed + text[(udf.Index + udf.Length)..]);
            var failure = Assert.Single(ReferenceVectorVerifier.Verify(copy), c => !c.Passed);
            Assert.Equal("UDFEncrypt.md", failure.File);
            Assert.Contains($"expected {changed}", failure.Detail);
        }
        finally { Directory.Delete(copy, recursive: true); }
    }

    [VectorFact]
    public void A_schema_that_disagrees_with_the_model_is_drift_reported_member_by_member_not_a_failure()
    {
        var copy = SharedVectors.CopyOf(SharedVectors.Sets[0]);
        try
        {
            var file = Path.Combine(copy, "Generated", "ProtocolSchema.md");
            var text = File.ReadAllText(file)
                .Replace("<dt>IndexMin: Integer (Optional)", "<dt>IndexMin: String (Optional)")
                .Replace("<dt>Reason: String (Optional)", "<dt>Explanation: String (Optional)");
            var maxEntries = text.IndexOf("<dt>MaxEntries:", StringComparison.Ordinal);
            var bytesOffset = text.IndexOf("<dt>BytesOffset:", StringComparison.Ordinal);
            var bytesMax = text.IndexOf("<dt>BytesMax:", StringComparison.Ordinal);
            text = text[..maxEntries] + text[bytesOffset..bytesMax] + text[maxEntries..bytesOffset] + text[bytesMax..];
            File.WriteAllText(file, text);
            Assert.DoesNotContain(ReferenceVectorVerifier.Verify(copy), c => !c.Passed);
            var drift = ReferenceVectorVerifier.Drift(copy).Where(d => d.File == "ProtocolSchema.md").ToDictionary(d => $"{d.Type}.{d.Member}");
            Assert.Equal("String (retyped)", drift["ConstraintsSelect.IndexMin"].ThisSet);
            Assert.Equal("Int32", drift["ConstraintsSelect.IndexMin"].Draft03);
            Assert.Equal("Explanation: String (renamed)", drift["CreateResponse.Explanation"].ThisSet);
            Assert.Contains(drift.Values, d => d.Type == "ConstraintsData" && d.ThisSet.Contains("reordered"));
        }
        finally { Directory.Delete(copy, recursive: true); }
    }

    /// <summary>
    /// A set of a later schema revision (PublicKey became KeyData; CompleteRequest's ServiceID became
    /// AccountAddress): its own claims hold, so it passes, and the drift table names each change.
    /// </summary>
    [VectorFact]
    public void A_set_of_a_later_schema_revision_passes_and_its_drift_is_named()
    {
        var copy = SharedVectors.CopyOf(SharedVectors.Sets[0]);
        try
        {
            // This set's JOSE structure called KeyData steps aside for the Mesh one (a test set, not a real revision's layout).
            foreach (var file in Directory.EnumerateFiles(Path.Combine(copy, "Generated"), "*.md"))
                File.WriteAllText(file, File.ReadAllText(file)
                    .Replace("###Structure: KeyData\n", "###Structure: JoseKeyData\n").Replace("<dt>Inherits:  KeyData\n", "<dt>Inherits:  JoseKeyData\n")
                    .Replace(": PublicKey (Optional)", ": KeyData (Optional)").Replace(": PublicKey [0..Many]", ": KeyData [0..Many]")
                    .Replace("###Structure: PublicKey\n", "###Structure: KeyData\n"));
            var protocol = Path.Combine(copy, "Generated", "ProtocolSchema.md");
            var text = File.ReadAllText(protocol);
            var complete = text.IndexOf("###Message: CompleteRequest", StringComparison.Ordinal);
            var serviceId = text.IndexOf("<dt>ServiceID: String (Optional)", complete, StringComparison.Ordinal);
            File.WriteAllText(protocol, text[..serviceId] + "<dt>AccountAddress: String (Optional)" + text[(serviceId + "<dt>ServiceID: String (Optional)".Length)..]);

            var failures = ReferenceVectorVerifier.Verify(copy).Where(c => !c.Passed).ToList();
            Assert.True(failures.Count == 0, string.Join("\n", failures));
            var drift = ReferenceVectorVerifier.Drift(copy).ToDictionary(d => $"{d.Type}.{d.Member}");
            Assert.Equal("KeyData (retyped)", drift["Profile.KeyOfflineSignature"].ThisSet);
            Assert.Equal("PublicKey", drift["Profile.KeyOfflineSignature"].Draft03);
            Assert.Equal("AccountAddress: String (renamed)", drift["CompleteRequest.AccountAddress"].ThisSet);
            Assert.StartsWith("ServiceID", drift["CompleteRequest.AccountAddress"].Draft03);
        }
        finally { Directory.Delete(copy, recursive: true); }
    }

    [VectorFact]
    public void An_example_member_its_own_schema_lacks_fails_the_run()
    {
        var copy = SharedVectors.CopyOf(SharedVectors.Sets[0]);
        try
        {
            var protocol = Path.Combine(copy, "Generated", "ProtocolSchema.md");
            File.WriteAllText(protocol, File.ReadAllText(protocol).Replace("<dt>ServiceID: String (Optional)", "<dt>AccountAddress: String (Optional)"));
            var failure = Assert.Single(ReferenceVectorVerifier.Verify(copy), c => !c.Passed);
            Assert.Equal("ProtocolAccountCreate.md", failure.File);
            Assert.Contains("CreateRequest has no member ServiceID", failure.Detail);
        }
        finally { Directory.Delete(copy, recursive: true); }
    }

    [VectorFact]
    public void Missing_and_malformed_files_are_failed_claims_not_crashes()
    {
        var copy = SharedVectors.CopyOf(SharedVectors.Sets[0]);
        try
        {
            File.Delete(Path.Combine(copy, "Examples", "UDFDigestLong.md"));
            File.WriteAllText(Path.Combine(copy, "Examples", "ExamplesDAREMessage.md"), "~~~~\n{ not json\n~~~~\n");
            File.WriteAllText(Path.Combine(copy, "Examples", "ProtocolAccountCreate.md"), "~~~~\n{\n  \"NoSuchTransaction\": {}}\n~~~~\n");
            var failures = ReferenceVectorVerifier.Verify(copy).Where(c => !c.Passed).ToList();
            Assert.Contains(failures, f => f.File == "UDFDigestLong.md" && f.Claim == "file present");
            Assert.Contains(failures, f => f.File == "ExamplesDAREMessage.md" && f.Detail.Contains("octet blocks"));
            Assert.Contains(failures, f => f.File == "ProtocolAccountCreate.md" && f.Detail.Contains("Unknown type tag 'NoSuchTransaction'"));
        }
        finally { Directory.Delete(copy, recursive: true); }
    }

    [VectorFact]
    public void Command_prints_one_line_per_claim_and_the_summary_last_and_exits_zero()
    {
        var output = new StringWriter();
        var exit = VerifyVectorsCommand.Run(SharedVectors.Sets[0], failuresOnly: false, output, new StringWriter());
        var lines = output.ToString().TrimEnd().Split('\n');
        Assert.Equal(0, exit);
        Assert.Matches(@"^\d+ passed, 0 failed$", lines[^1]);
        var claims = lines.TakeWhile(line => line.Length > 0).ToList();
        Assert.True(claims.Count > 100, $"{claims.Count} claim lines");
        Assert.All(claims, line => Assert.StartsWith("PASS ", line));
    }

    [Fact]
    public void Command_exits_two_and_says_why_when_the_folder_is_not_a_vector_set()
    {
        var error = new StringWriter();
        Assert.Equal(2, VerifyVectorsCommand.Run("/nonexistent/vector-set", false, new StringWriter(), error));
        Assert.Contains("does not exist", error.ToString());
        var empty = Directory.CreateTempSubdirectory().FullName;
        Assert.Equal(2, VerifyVectorsCommand.Run(empty, false, new StringWriter(), error));
        Assert.Contains("has no Examples/ folder", error.ToString());
    }

    [VectorFact]
    public void Command_exits_one_when_a_claim_fails()
    {
        var copy = SharedVectors.CopyOf(SharedVectors.Sets[0]);
        try
        {
            File.Delete(Path.Combine(copy, "Examples", "UDFEncrypt.md"));
            var output = new StringWriter();
            Assert.Equal(1, VerifyVectorsCommand.Run(copy, failuresOnly: true, output, new StringWriter()));
            Assert.StartsWith("FAIL UDFEncrypt.md: file present", output.ToString());
        }
        finally { Directory.Delete(copy, recursive: true); }
    }

    /// <summary>The independent Python checker, where python3 and its 'cryptography' package exist, agrees.</summary>
    [OracleFact]
    public void Independent_checker_agrees_on_every_shared_set()
    {
        var script = OracleFactAttribute.Script!;
        foreach (var set in SharedVectors.Sets)
        {
            var (exit, output) = Run("python3", script, set);
            Assert.True(exit == 0, output);
            Assert.DoesNotContain(ReferenceVectorVerifier.Verify(set), c => !c.Passed);
        }
    }

    internal static (int Exit, string Output) Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output.Result + error);
    }
}

/// <summary>Needs the vectors, their tools/verify_vectors.py, and python3 with 'cryptography'; otherwise skipped with the reason.</summary>
public sealed class OracleFactAttribute : FactAttribute
{
    public static string? Script => SharedVectors.Root is { } root && File.Exists(Path.Combine(root, "tools", "verify_vectors.py"))
        ? Path.Combine(root, "tools", "verify_vectors.py") : null;

    public OracleFactAttribute()
    {
        if (SharedVectors.Sets.Count == 0) Skip = SharedVectors.MissingReason;
        else if (Script is null) Skip = "The independent checker tools/verify_vectors.py is not beside the vector sets";
        else if (!PythonHasCryptography()) Skip = "python3 with the 'cryptography' package is not installed: the independent checker cannot run";
    }

    static bool PythonHasCryptography()
    {
        try { return ReferenceVectorVerifierTests.Run("python3", "-c", "import cryptography").Exit == 0; }
        catch (System.ComponentModel.Win32Exception) { return false; }
    }
}
