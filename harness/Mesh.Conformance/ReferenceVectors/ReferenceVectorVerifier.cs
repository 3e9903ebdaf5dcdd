namespace Mesh.Conformance.ReferenceVectors;

/// <summary>
/// Checks an author's recorded example set (MANIFEST.md "what an independent implementation can verify
/// offline") with the project's own wire code: UDF vectors, key derivations, wire-form re-serialisation,
/// digests, signatures, key UDFs and the DARE encryption example. One line per claim.
/// </summary>
public static class ReferenceVectorVerifier
{
    public static IReadOnlyList<VectorCheck> Verify(string folder, Action<VectorCheck>? onCheck = null)
    {
        var set = VectorSet.Open(folder);
        var log = new CheckLog(onCheck);
        UdfVectorChecks.Run(set, log);
        ProtocolVectorChecks.Run(set, log);
        DareVectorChecks.Run(set, log);
        DisplayVectorChecks.Run(set, log);
        SchemaVectorChecks.Run(set, log);
        return log.Checks;
    }

    /// <summary>Where the set's generated schema differs from the draft-03 schema the harness models: informational.</summary>
    public static IReadOnlyList<SchemaDrift> Drift(string folder) => SchemaVectorChecks.Drift(VectorSet.Open(folder));
}
