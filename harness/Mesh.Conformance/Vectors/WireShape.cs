using System.Text;
using Mesh.Wire.Json;
using Mesh.Wire.Text;

namespace Mesh.Conformance.Vectors;

/// <summary>
/// The structure of a message without its values: member names in order, value kinds, array lengths, and
/// for envelopes their header, trailer and the structure of the decoded payload. Two messages with the same
/// shape differ only in keys, signatures, nonces and names.
/// </summary>
public static class WireShape
{
    public static string Of(byte[] json) => Of(WireReader.Parse(json));

    public static string Of(WireNode node)
    {
        var text = new StringBuilder();
        Append(node, text);
        return text.ToString();
    }

    static void Append(WireNode node, StringBuilder text)
    {
        switch (node)
        {
            case WireObject obj:
                text.Append('{');
                foreach (var (name, value) in obj.Members)
                {
                    text.Append(name).Append(':');
                    Append(value, text);
                    text.Append(',');
                }
                text.Append('}');
                break;
            case WireArray { Items: [WireObject header, WireString payload, ..] } envelope when Base64Url.IsBinaryText(payload.Value) && envelope.Items.Count <= 3:
                text.Append("envelope(");
                Append(header, text);
                text.Append(", payload ");
                try { Append(WireReader.Parse(Base64Url.Decode(payload.Value)), text); }
                catch (WireFormatException) { text.Append("binary"); }
                if (envelope.Items.Count == 3)
                {
                    text.Append(", ");
                    Append(envelope.Items[2], text);
                }
                text.Append(')');
                break;
            case WireArray array:
                text.Append('[');
                foreach (var item in array.Items)
                {
                    Append(item, text);
                    text.Append(',');
                }
                text.Append(']');
                break;
            default:
                text.Append(node.Kind);
                break;
        }
    }
}
