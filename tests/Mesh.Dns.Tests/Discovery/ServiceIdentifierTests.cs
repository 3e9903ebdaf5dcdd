using Mesh.Dns.Discovery;

namespace Mesh.Dns.Tests.Discovery;

/// <summary>The domain discovery looks up for an account address or a bare domain.</summary>
public class ServiceIdentifierTests
{
    [Theory]
    [InlineData("alice@example.com", "example.com")]
    [InlineData("Alice@Example.COM", "example.com")]
    [InlineData("example.com", "example.com")]
    [InlineData(" example.com. ", "example.com")]
    [InlineData("a@b@example.net", "example.net")]
    [InlineData("bob@bücher.example", "xn--bcher-kva.example")]
    public void Domain_is_the_part_after_the_at_sign_in_lower_case(string identifier, string domain)
    {
        Assert.Equal(domain, ServiceIdentifier.DomainOf(identifier));
    }

    [Theory]
    [InlineData("alice@")]
    [InlineData("")]
    [InlineData("alice@exa mple.com")]
    [InlineData("alice@example..com")]
    [InlineData("https://example.com/")]
    public void Identifier_without_a_usable_domain_is_rejected(string identifier)
    {
        Assert.Throws<ArgumentException>(() => ServiceIdentifier.DomainOf(identifier));
    }
}
