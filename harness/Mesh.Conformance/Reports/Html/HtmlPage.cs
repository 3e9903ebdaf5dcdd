using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Fluid;

namespace Mesh.Conformance.Reports.Html;

/// <summary>
/// The one HTML renderer of the reports (suite, interoperability matrix, simulation): a Liquid template per report,
/// embedded in this assembly, inside one layout that carries the styles. Every value is HTML-encoded unless the
/// template says <c>raw</c>; a model is dictionaries and lists of values already formatted, so templates hold
/// structure only. Absent values are null (Liquid counts an empty string as true).
/// </summary>
public static class HtmlPage
{
    static readonly FluidParser Parser = new();
    static readonly TemplateOptions Options = new TemplateOptionsBuilder().WithCultureInfo(CultureInfo.InvariantCulture).Build();
    static readonly ConcurrentDictionary<string, IFluidTemplate> Templates = new(StringComparer.Ordinal);
    // Every character the markup does not need escaped stays as it is (§, ×, –); line breaks become character references.
    static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    /// <summary>Renders <paramref name="template"/> (suite, matrix, simulation) with <paramref name="model"/> as a page titled <paramref name="title"/>.</summary>
    public static string Render(string template, string title, IReadOnlyDictionary<string, object?> model)
    {
        var body = Render(Template(template), model);
        return Render(Template("layout"), new Dictionary<string, object?> { ["title"] = title, ["body"] = body });
    }

    static string Render(IFluidTemplate template, IReadOnlyDictionary<string, object?> model)
    {
        var context = new TemplateContext(Options);
        foreach (var (name, value) in model) if (value is not null) context.SetValue(name, value);
        return template.Render(context, Encoder);
    }

    static IFluidTemplate Template(string name) => Templates.GetOrAdd(name, _ =>
    {
        using var stream = typeof(HtmlPage).Assembly.GetManifestResourceStream($"Mesh.Conformance.Reports.Html.{name}.liquid")
            ?? throw new InvalidOperationException($"no report template '{name}'");
        var source = new StreamReader(stream).ReadToEnd();
        return Parser.TryParse(source, out var parsed, out var error) ? parsed : throw new InvalidOperationException($"report template '{name}': {error}");
    });
}
