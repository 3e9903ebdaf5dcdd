using System.CommandLine;

namespace Mesh.Cli.Commands;

/// <summary>An option whose value is an absolute http or https URL; anything else is a parse error naming the value.</summary>
static class UrlOption
{
    public static Option<Uri?> Create(string name, string description) => new(name)
    {
        Description = description,
        CustomParser = result =>
        {
            var text = result.Tokens.Single().Value;
            if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https") return uri;
            result.AddError($"'{text}' is not an http or https URL");
            return null;
        },
    };
}
