using Mesh.Wire.Dare;
using Mesh.Wire.Json;
using Mesh.Wire.Model;

namespace Mesh.Service.Storage;

/// <summary>The durable form of an <see cref="AccountRecord"/> (<c>account.json</c>), written with the wire codec.</summary>
public sealed class StoredAccount : WireRecord
{
    [Wire] public string? ServiceID { get; set; }
    [Wire] public DareEnvelope? SignedProfileMesh { get; set; }
    [Wire] public DareEnvelope? SignedAssertionAccount { get; set; }

    public static byte[] Encode(AccountRecord account) => WireSerializer.EncodeUntagged(new StoredAccount
    {
        ServiceID = account.ServiceID,
        SignedProfileMesh = account.SignedProfileMesh,
        SignedAssertionAccount = account.SignedAssertionAccount,
    }, WireEncoding.Json, BinaryLayout.Unwrapped);

    public static AccountRecord Decode(byte[] data)
    {
        var stored = WireSerializer.DecodeUntagged<StoredAccount>(data);
        return new AccountRecord(stored.ServiceID ?? throw new InvalidDataException("account.json has no ServiceID"),
            stored.SignedProfileMesh ?? new DareEnvelope(), stored.SignedAssertionAccount ?? new DareEnvelope());
    }
}
