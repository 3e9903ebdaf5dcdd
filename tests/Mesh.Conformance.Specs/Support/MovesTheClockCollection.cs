namespace Mesh.Conformance.Specs.Support;

/// <summary>
/// The features tagged <c>@xunit:collection(MovesTheClock)</c> run alone, after every other: moving a shared target's
/// clock would expire the tickets of scenarios running beside them.
/// </summary>
[Xunit.CollectionDefinition("MovesTheClock", DisableParallelization = true)]
public sealed class MovesTheClockCollection;
