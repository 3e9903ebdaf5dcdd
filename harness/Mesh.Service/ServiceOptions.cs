using Mesh.Wire.Crypto;
using Mesh.Wire.Json;
using Mesh.Wire.Protocol;

namespace Mesh.Service;

/// <summary>How the reference service behaves: profile, served domains, limits, keys and the sources of time and randomness.</summary>
public sealed record ServiceOptions
{
    public ProtocolProfile Profile { get; init; } = ProtocolProfile.Draft03;

    /// <summary>Domains whose accounts this service hosts (A22).</summary>
    public IReadOnlyList<string> Domains { get; init; } = ["example.com"];

    public ContainerSpelling Spelling { get; init; } = ContainerSpelling.Names2019;

    /// <summary>Advertised as <c>ConstraintsPost.BytesMax</c>; larger requests get 413 (docs/service.md, A30).</summary>
    public int BytesMax { get; init; } = 65536;

    /// <summary>Account-name policy, advertised in Hello and enforced on the local part (A22).</summary>
    public int AccountNameMinimum { get; init; } = 1;
    public int AccountNameMaximum { get; init; } = 64;
    public string AccountNameInvalidCharacters { get; init; } = " \"/\\:*?<>|";

    /// <summary>DARE message encapsulation (draft §4.3, docs/encapsulation.md): requests and responses as envelopes; draft-03 only.</summary>
    public bool DareEncapsulation { get; init; }

    /// <summary>How long a ticket authenticates requests (docs/encapsulation.md: one hour by default).</summary>
    public TimeSpan TicketLifetime { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Accept and advertise JSON-B and JSON-C besides JSON (draft §4.4, A26).</summary>
    public bool BinaryEncodings { get; init; }

    /// <summary>Seed of the service and host keys; the same seed gives the same profiles.</summary>
    public string KeySeed { get; init; } = "mesh-conformance-service";

    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>One deviation from the catalogue (Faults/ServiceFaults) to commit on purpose, or null.</summary>
    public string? Fault { get; init; }

    /// <summary>Conforming variations of the catalogue (Variations/ServiceVariations) to take; none by default.</summary>
    public IReadOnlyList<string> Variations { get; init; } = [];

    /// <summary>Whether the service takes a variation of the catalogue.</summary>
    public bool Takes(string variation) => Variations.Contains(variation, StringComparer.Ordinal);

    /// <summary>Nonces, message identifiers and envelope randomness; seeded in vector mode.</summary>
    public IRandomSource Random { get; init; } = SystemRandomSource.Instance;

    public BinaryLayout Layout => Profile == ProtocolProfile.Reference || Fault == Faults.ServiceFaults.Base64WrappedOnWrite
        ? BinaryLayout.ReferenceWrapped : BinaryLayout.Unwrapped;

    public ContainerNames Containers => new(Spelling);

    public bool Serves(string domain) => Domains.Any(d => string.Equals(d, domain, StringComparison.OrdinalIgnoreCase));
}
