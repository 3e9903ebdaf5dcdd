namespace Mesh.Wire.Crypto;

/// <summary>
/// The point arithmetic <see cref="EdwardsCurve"/> delegates: the curve keeps hashing, clamping, scalars
/// mod L and the RFC 8032 sign, verify and agree logic. Scalars are little-endian octets, any length.
/// </summary>
/// <typeparam name="TPoint">The group's own point representation.</typeparam>
internal interface IEdwardsGroup<TPoint> where TPoint : struct
{
    /// <summary>Octets of an encoded point: 32 or 57.</summary>
    int EncodedLength { get; }

    /// <summary>
    /// RFC 8032 §5.1.3 / §5.2.3 decoding: false for a y not below p, for a y with no x on the curve and
    /// for x = 0 with the sign bit set. <paramref name="encoded"/> is <see cref="EncodedLength"/> octets.
    /// </summary>
    bool TryDecode(ReadOnlySpan<byte> encoded, out TPoint point);

    /// <summary>RFC 8032 §5.1.2 / §5.2.2 encoding into <see cref="EncodedLength"/> octets.</summary>
    void Encode(in TPoint point, Span<byte> destination);

    /// <summary>[k]B for the curve's base point B.</summary>
    TPoint MultiplyBase(ReadOnlySpan<byte> scalar);

    /// <summary>[k]P.</summary>
    TPoint Multiply(in TPoint point, ReadOnlySpan<byte> scalar);

    TPoint Add(in TPoint p, in TPoint q);

    TPoint Negate(in TPoint p);
}
