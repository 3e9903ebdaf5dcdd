using Mesh.Wire.Crypto;
using Mesh.Wire.Dare;
using Mesh.Wire.Objects;

namespace Mesh.Service;

/// <summary>
/// The service's and host's keys and signed profiles, returned by Hello (docs/service.md, §5.1).
/// Keys come from <see cref="ServiceOptions.KeySeed"/>; in the reference profile the profiles have
/// exactly the recorded shape (service: offline key; host: offline and authentication keys).
/// </summary>
public sealed class ServiceIdentity
{
    public ServiceIdentity(ServiceOptions options)
    {
        ServiceSignature = SeededKeys.Derive(options.KeySeed, "service/offline", Curve.Ed448);
        HostSignature = SeededKeys.Derive(options.KeySeed, "host/offline", Curve.Ed448);
        HostAuthentication = SeededKeys.Derive(options.KeySeed, "host/authentication", Curve.Ed448);
        ServiceEncryption = SeededKeys.Derive(options.KeySeed, "service/encryption", Curve.X448);
        var reference = options.Profile == ProtocolProfile.Reference;
        ProfileService = new ProfileService
        {
            KeyOfflineSignature = ServiceSignature.ToPublicKey(),
            KeyEncryption = reference ? null : ServiceEncryption.ToPublicKey(),
        };
        ProfileHost = new ProfileHost
        {
            KeyOfflineSignature = HostSignature.ToPublicKey(),
            KeyAuthentication = HostAuthentication.ToPublicKey(),
        };
        EnvelopedProfileService = SignedObjects.Sign(ProfileService, ServiceSignature, options.Layout);
        EnvelopedProfileHost = SignedObjects.Sign(ProfileHost, HostSignature, options.Layout);
        switch (options.Fault)
        {
            case Faults.ServiceFaults.BadSignature:
                EnvelopedProfileService.Trailer!.Signatures![0].SignatureValue![10] ^= 0x01;
                break;
            case Faults.ServiceFaults.MissingSignature:
                EnvelopedProfileService = SignedObjects.Plain(ProfileService, options.Layout);
                EnvelopedProfileHost = SignedObjects.Plain(ProfileHost, options.Layout);
                break;
            case Faults.ServiceFaults.WrongKid:
                EnvelopedProfileService.Trailer!.Signatures![0].KeyIdentifier = HostSignature.Udf;
                break;
        }
    }

    public KeyPair ServiceSignature { get; }
    public KeyPair HostSignature { get; }
    public KeyPair HostAuthentication { get; }
    public KeyPair ServiceEncryption { get; }
    public ProfileService ProfileService { get; }
    public ProfileHost ProfileHost { get; }
    public DareEnvelope EnvelopedProfileService { get; }
    public DareEnvelope EnvelopedProfileHost { get; }
}
