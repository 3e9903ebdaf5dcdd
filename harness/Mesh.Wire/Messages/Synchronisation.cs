using Mesh.Wire.Dare;
using Mesh.Wire.Model;

namespace Mesh.Wire.Messages;

/// <summary>Status (draft §7.1): the state of every container the device may access.</summary>
[WireTag("Status")]
public class StatusRequest : MeshRequestUser
{
    [Wire] public string? DeviceUDF { get; set; }
    [Wire] public byte[]? ProfileMasterDigest { get; set; }
    [Wire] public List<string>? Catalogs { get; set; }
    [Wire] public List<string>? Spools { get; set; }
}

public sealed class StatusResponse : MeshResponse
{
    [Wire] public DareEnvelope? EnvelopedProfileMaster { get; set; }
    [Wire] public DareEnvelope? EnvelopedCatalogEntryDevice { get; set; }
    [Wire] public List<ContainerStatus>? ContainerStatus { get; set; }
}

/// <summary>Download (draft §7.2): entries selected per container.</summary>
[WireTag("Download")]
public sealed class DownloadRequest : MeshRequestUser
{
    [Wire] public List<ConstraintsSelect>? Select { get; set; }
    [Wire] public ConstraintsData? ConstraintsPost { get; set; }
}

public sealed class DownloadResponse : MeshResponse
{
    [Wire] public List<ContainerUpdate>? Updates { get; set; }
}

/// <summary>Upload (draft §7.3): entries appended per container, and items for the account's own spool.</summary>
[WireTag("Upload")]
public sealed class UploadRequest : MeshRequestUser
{
    [Wire] public List<ContainerUpdate>? Updates { get; set; }
    [Wire] public List<DareEnvelope>? Self { get; set; }
}

public class UploadResponse : MeshResponse
{
    [Wire] public List<EntryResponse>? Entries { get; set; }
    [Wire] public ConstraintsData? ConstraintsData { get; set; }
}

/// <summary>
/// Complete (draft §8). One type carries both shapes (draft §8, A11): 2019 sends
/// <c>DeviceUDF</c> + <c>ServiceID</c> and gets a StatusResponse; 2020 sends <c>ResponseID</c> and gets a CompleteResponse.
/// </summary>
[WireTag("Complete")]
public sealed class CompleteRequest : StatusRequest
{
    [Wire] public string? ServiceID { get; set; }
    [Wire] public string? ResponseID { get; set; }
}

public sealed class CompleteResponse : MeshResponse
{
    [Wire] public DareEnvelope? SignedResponse { get; set; }
}
