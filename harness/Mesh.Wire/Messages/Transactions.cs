namespace Mesh.Wire.Messages;

/// <summary>Who may call a transaction (draft §4.3 authentication forms).</summary>
public enum AccessClass
{
    Public,
    Admin,
    User,
}

/// <summary>A transaction: its wire name, request and response types, and access class.</summary>
public sealed record Transaction(string Name, Type RequestType, Type ResponseType, AccessClass Access);

/// <summary>The nine transactions of the protocol (draft §5–§9), by wire name.</summary>
public static class Transactions
{
    public static readonly IReadOnlyList<Transaction> All =
    [
        new("Hello", typeof(HelloRequest), typeof(MeshHelloResponse), AccessClass.Public),
        new("CreateAccount", typeof(CreateRequest), typeof(CreateResponse), AccessClass.Admin),
        new("DeleteAccount", typeof(DeleteRequest), typeof(DeleteResponse), AccessClass.Admin),
        new("Status", typeof(StatusRequest), typeof(StatusResponse), AccessClass.User),
        new("Download", typeof(DownloadRequest), typeof(DownloadResponse), AccessClass.User),
        new("Upload", typeof(UploadRequest), typeof(UploadResponse), AccessClass.User),
        new("Complete", typeof(CompleteRequest), typeof(CompleteResponse), AccessClass.User),
        new("Connect", typeof(ConnectRequest), typeof(ConnectResponse), AccessClass.Public),
        new("Post", typeof(PostRequest), typeof(PostResponse), AccessClass.Public),
    ];

    public static Transaction? Find(string name) => All.FirstOrDefault(t => t.Name == name);
}
