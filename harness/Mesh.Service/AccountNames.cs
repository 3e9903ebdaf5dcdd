using System.Globalization;
using System.Text;

namespace Mesh.Service;

/// <summary>
/// The one form in which the service compares and stores account identifiers (docs/service.md, A22): Unicode
/// compatibility normalisation (NFKC), then lower case, then NFKC again. <c>kate@example.com</c> and
/// <c>\u212Aate@example.com</c> (Kelvin sign) are one account, in both stores. A name that is not well-formed
/// UTF-16 (a lone surrogate) has no canonical form: it cannot be written to disk and read back as itself.
/// </summary>
public static class AccountNames
{
    /// <summary>The canonical form, or null when <paramref name="name"/> is null or not well-formed.</summary>
    public static string? Canonical(string? name)
    {
        if (name is null || !IsWellFormed(name)) return null;
        return name.Normalize(NormalizationForm.FormKC).ToLowerInvariant().Normalize(NormalizationForm.FormKC);
    }

    /// <summary>Why <paramref name="serviceId"/> cannot name an account, or null when it can.</summary>
    public static string? Problem(string serviceId)
    {
        if (!IsWellFormed(serviceId)) return "ServiceID is not well-formed Unicode (it holds a lone surrogate)";
        foreach (var rune in serviceId.EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            if (category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned)
                return $"ServiceID holds the character U+{rune.Value:X4}, which is not allowed in an account name";
        }
        return null;
    }

    static bool IsWellFormed(string name)
    {
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsHighSurrogate(name[i]) && i + 1 < name.Length && char.IsLowSurrogate(name[i + 1])) i++;
            else if (char.IsSurrogate(name[i])) return false;
        }
        return true;
    }
}
