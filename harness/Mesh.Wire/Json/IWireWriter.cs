namespace Mesh.Wire.Json;

/// <summary>
/// The token stream every encoding (JSON text, JSON-B, JSON-C) is written from, so that one
/// model serialiser serves all three (draft §4.4, docs/reference-behaviour.md §E1–§E2).
/// </summary>
public interface IWireWriter
{
    void BeginObject();
    void EndObject();
    void BeginArray();
    void EndArray();
    void Member(string name);
    void WriteString(string value);
    void WriteInteger(long value);
    void WriteBoolean(bool value);
    void WriteBinary(ReadOnlySpan<byte> value);
    void WriteDateTime(DateTime value);
    void WriteNull();
    byte[] ToArray();
}

/// <summary>How binary values are laid out in JSON text.</summary>
public enum BinaryLayout
{
    /// <summary>The reference writer's LF + two spaces inside the string (docs/reference-behaviour.md §E1.6); part of signed bytes.</summary>
    ReferenceWrapped,
    /// <summary>One unbroken base64url string, as the draft-03 profile writes (docs/service.md, Profiles).</summary>
    Unwrapped,
}

/// <summary>The three payload encodings of draft §4.4.</summary>
public enum WireEncoding
{
    Json,
    JsonB,
    JsonC,
}
