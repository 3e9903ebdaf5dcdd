using System.Text;
using FsCheck.Xunit;
using Mesh.Wire.Json;
using Mesh.Wire.Model;

namespace Mesh.Wire.Tests.Model;

/// <summary>
/// Every registered message and structure survives every encoding: what is written in JSON, JSON-B or
/// JSON-C reads back to a value whose JSON text is identical to the original's.
/// </summary>
public class RoundTripProperties
{
    static readonly string[] Dictionary = ["Status", "Envelopes", "Container", "Index", "dig", "SHA2", "PublicKeyECDH", "crv", "Ed448"];

    [Property(MaxTest = 60)]
    public void Every_type_round_trips_in_json_json_b_and_json_c(int seed)
    {
        var records = new RandomRecords(seed);
        foreach (var type in RandomRecords.ConcreteTypes)
        {
            var original = records.Record(type);
            var reference = WireSerializer.Encode(original);
            foreach (var encoding in Enum.GetValues<WireEncoding>())
            {
                var encoded = WireSerializer.Encode(original, encoding, dictionary: Dictionary);
                var decoded = WireSerializer.Decode(encoded, Dictionary);
                Assert.IsType(type, decoded);
                var again = WireSerializer.Encode(decoded);
                Assert.True(reference.AsSpan().SequenceEqual(again),
                    $"{type.Name} via {encoding} (seed {seed}): {Encoding.UTF8.GetString(reference)}\n!=\n{Encoding.UTF8.GetString(again)}");
            }
            var unwrapped = WireSerializer.Encode(original, WireEncoding.Json, BinaryLayout.Unwrapped);
            Assert.True(reference.AsSpan().SequenceEqual(WireSerializer.Encode(WireSerializer.Decode(unwrapped))),
                $"{type.Name}: the unwrapped layout reads back to the same value (seed {seed})");
        }
    }

    [Fact]
    public void Every_transaction_request_and_response_is_registered_under_its_wire_tag()
    {
        foreach (var transaction in Mesh.Wire.Messages.Transactions.All)
        {
            Assert.Equal(transaction.Name, WireTypes.TagOf(transaction.RequestType));
            Assert.Equal(transaction.ResponseType.Name, WireTypes.TagOf(transaction.ResponseType));
        }
    }
}
