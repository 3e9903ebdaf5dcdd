using System.Text;
using System.Text.Json;
using Mesh.Client;
using Mesh.Client.Accounts;
using Mesh.Wire.Dare;
using Mesh.Wire.Json;
using Mesh.Wire.Messages;
using Mesh.Wire.Model;
using Mesh.Wire.Objects;

namespace Mesh.Conformance.Drivers;

/// <summary>How a generated case changes one member of a valid request.</summary>
public enum FieldMutation
{
    /// <summary>A value of another JSON type than the member's.</summary>
    WrongType,
    /// <summary>The member named twice.</summary>
    Duplicated,
    /// <summary>A member no schema defines, added.</summary>
    Unknown,
    /// <summary>The member given as JSON null.</summary>
    Null,
    /// <summary>The member left out.</summary>
    Missing,
    /// <summary>An empty string, array or object.</summary>
    Empty,
}

/// <summary>One generated request and what the service answered to it.</summary>
public sealed record FieldCase(string Transaction, string Member, FieldMutation Mutation, string Body, MeshResult<Response> Result, bool StateChanged)
{
    public string Name => $"{Transaction}.{Member} {Mutation}";
}

/// <summary>
/// Generates, from the message registry (<see cref="Transactions.All"/> and each request type's wire members), every
/// member of every request missing, null, of the wrong type, empty, duplicated, plus an unknown member, each a change
/// of a valid request built fresh for the case, so a new member gets its cases without anyone writing them. The bodies
/// are assembled from the valid request's member texts (System.Text.Json reads them), not by the service's code.
/// </summary>
public sealed class FieldNegativesDriver(ServiceTargetDriver target, ActorsDriver actors)
{
    int serial;

    /// <summary>The cases of the last run, for the Then steps.</summary>
    public IReadOnlyList<FieldCase> Cases { get; private set; } = [];

    BinaryLayout Layout => target.Client.Options.Layout;

    /// <summary>Every case of one mutation over every transaction, sent one after the other.</summary>
    public async Task<IReadOnlyList<FieldCase>> RunAsync(FieldMutation mutation, string account)
    {
        var cases = new List<FieldCase>();
        foreach (var transaction in Transactions.All)
        {
            foreach (var (member, kind) in MembersFor(transaction, mutation))
            {
                var members = Members(await ValidAsync(transaction, account), transaction.Name);
                if (Mutate(members, member, kind, mutation) is not { } mutated) continue;
                var body = Body(transaction.Name, mutated);
                var before = await target.StateAsync();
                var result = await target.Client.SendBytesAsync<Response>(Encoding.UTF8.GetBytes(body), "application/json", transaction: transaction.Name);
                cases.Add(new FieldCase(transaction.Name, member, mutation, body, result, before != await target.StateAsync()));
            }
        }
        return Cases = cases;
    }

    /// <summary>
    /// The status the same request gets with <paramref name="member"/> left out (a valid request built fresh), for the
    /// comparison of a null member with an absent one.
    /// </summary>
    public async Task<int?> StatusWithoutAsync(string transactionName, string member, string account)
    {
        var transaction = Transactions.All.Single(t => t.Name == transactionName);
        var members = Members(await ValidAsync(transaction, account), transaction.Name);
        members.RemoveAll(m => m.Name == member);
        return (await target.Client.SendBytesAsync<Response>(Encoding.UTF8.GetBytes(Body(transaction.Name, members)), "application/json")).Status;
    }

    /// <summary>The status a valid request of the transaction gets (built fresh, so it is what every case changes).</summary>
    public async Task<int?> ValidStatusAsync(string transactionName, string account)
    {
        var transaction = Transactions.All.Single(t => t.Name == transactionName);
        return (await target.Client.SendBytesAsync<Response>(Encoding.UTF8.GetBytes(Body(transaction.Name, Members(await ValidAsync(transaction, account), transaction.Name))), "application/json")).Status;
    }

    const string UnknownMember = "ExtensionMember";

    static IEnumerable<(string Name, WireKind Kind)> MembersFor(Transaction transaction, FieldMutation mutation) => mutation == FieldMutation.Unknown
        ? [(UnknownMember, WireKind.String)]
        : WireSchema.MembersOf(transaction.RequestType).Select(m => (m.Name, m.Shape.Kind));

    /// <summary>A valid request of each transaction, fresh for each case: new names where a success changes what a name means.</summary>
    async Task<Request> ValidAsync(Transaction transaction, string account)
    {
        var n = ++serial;
        var device = actors.Device("field device");
        switch (transaction.Name)
        {
            case "Hello": return new HelloRequest();
            case "CreateAccount": return actors.Account("field").CreateRequest(target.Account($"field{n}"), Layout, target.Profile != Mesh.Service.ProtocolProfile.Reference);
            case "DeleteAccount":
                var doomed = target.Account($"doomed{n}");
                var created = await target.Client.CreateAccountAsync(actors.Account("field").CreateRequest(doomed, Layout, target.Profile != Mesh.Service.ProtocolProfile.Reference));
                if (!created.Succeeded) throw new InvalidOperationException($"CreateAccount of {doomed}, which the DeleteAccount cases delete, got {created.Status}");
                return new DeleteRequest { Account = doomed };
            case "Status": return new StatusRequest { Account = account };
            case "Download": return new DownloadRequest { Account = account, Select = [new() { Container = target.Containers.Device, IndexMin = 0 }] };
            case "Upload":
                var next = await target.EntryCountAsync(account, target.Containers.Device);
                return new UploadRequest { Account = account, Updates = [ContainerEntries.Entries(target.Containers.Device, next, 1)] };
            case "Connect": return device.ConnectRequest(account, System.Security.Cryptography.SHA256.HashData(BitConverter.GetBytes(n))[..16], Layout);
            case "Complete": return new CompleteRequest { Account = account, ServiceID = account, DeviceUDF = device.DeviceUdf };
            case "Post":
                return new PostRequest { Accounts = [account], Message = [SignedObjects.Plain(new RequestContact { Subject = $"case {n}" }, Layout, new ContentMeta { UniqueID = $"field-case-{n}" })] };
            default: throw new InvalidOperationException($"no valid request is known for the transaction {transaction.Name}: add one here");
        }
    }

    /// <summary>The members of the request's object as name and JSON text, in the order written.</summary>
    List<(string Name, string Json)> Members(Request request, string tag)
    {
        using var document = JsonDocument.Parse(WireSerializer.Encode(request, WireEncoding.Json, Layout));
        return document.RootElement.GetProperty(tag).EnumerateObject().Select(p => (p.Name, p.Value.GetRawText())).ToList();
    }

    static List<(string Name, string Json)>? Mutate(List<(string Name, string Json)> members, string name, WireKind kind, FieldMutation mutation)
    {
        var index = members.FindIndex(m => m.Name == name);
        var result = new List<(string Name, string Json)>(members);
        if (mutation is FieldMutation.Missing or FieldMutation.Duplicated)
        {
            if (index < 0) return null;
            if (mutation == FieldMutation.Missing) result.RemoveAt(index);
            else result.Insert(index, members[index]);
            return result;
        }
        var value = mutation switch
        {
            FieldMutation.WrongType => WrongValue(kind),
            FieldMutation.Null => "null",
            FieldMutation.Empty => EmptyValue(kind),
            _ => "\"x\"",
        };
        if (value is null) return null;
        if (index >= 0) result[index] = (name, value);
        else result.Add((name, value));
        return result;
    }

    // A value of another JSON type than the member's kind (binary, dates and envelopes are written as strings or arrays).
    static string WrongValue(WireKind kind) => kind switch
    {
        WireKind.Int32 or WireKind.Int64 => "\"not a number\"",
        WireKind.Boolean => "\"yes\"",
        WireKind.Record or WireKind.List => "\"x\"",
        _ => "12345",
    };

    static string? EmptyValue(WireKind kind) => kind switch
    {
        WireKind.String or WireKind.Binary or WireKind.DateTime => "\"\"",
        WireKind.List or WireKind.Envelope => "[]",
        WireKind.Record => "{}",
        _ => null, // a number or a boolean has no empty form
    };

    static string Body(string tag, IEnumerable<(string Name, string Json)> members) =>
        $"{{\"{tag}\": {{{string.Join(", ", members.Select(m => $"{JsonSerializer.Serialize(m.Name)}: {m.Json}"))}}}}}";
}
