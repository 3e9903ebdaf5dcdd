using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Mesh.Wire.Dare;
using Mesh.Wire.Json;
using Mesh.Wire.Text;

namespace Mesh.Service.Storage;

/// <summary>
/// A durable store: one folder per account (its name the Base32 of the account identifier, so no
/// identifier can escape the root), an <c>account.json</c> written atomically, and one append-only file
/// per container. Each record is
/// <code>length (4 bytes, little-endian) | check (first 4 bytes of SHA-256 of the data) | data</code>
/// with the data the envelope's JSON array. Appends are flushed to disk (fsync) before the store
/// returns, so an acknowledged entry survives a crash; a torn or corrupt tail left by a crash
/// mid-append is cut off when the store opens.
/// </summary>
public sealed class FileStore : ServiceStore
{
    const string AccountFile = "account.json";
    const string ContainerExtension = ".log";
    readonly string root;

    public FileStore(string root)
    {
        this.root = Path.GetFullPath(root);
        Directory.CreateDirectory(this.root);
        foreach (var folder in Directory.EnumerateDirectories(this.root)) Open(folder);
    }

    /// <summary>Bytes cut from torn container tails while opening (0 after a clean shutdown).</summary>
    public long RecoveredBytes { get; private set; }

    void Open(string folder)
    {
        var accountPath = Path.Combine(folder, AccountFile);
        if (Path.GetFileName(folder).StartsWith('.') || !File.Exists(accountPath))
        {
            // A creation or deletion interrupted before it was acknowledged.
            Directory.Delete(folder, recursive: true);
            return;
        }
        var containers = Directory.EnumerateFiles(folder, "*" + ContainerExtension)
            .Order(StringComparer.Ordinal)
            .Select(path => new ContainerAppend(ContainerName(path), ReadContainer(path)))
            .ToList();
        Restore(StoredAccount.Decode(File.ReadAllBytes(accountPath)), containers);
    }

    List<DareEnvelope> ReadContainer(string path)
    {
        var entries = new List<DareEnvelope>();
        using var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite);
        var header = new byte[8];
        long good = 0;
        while (true)
        {
            if (file.Read(header) < 8) break;
            var length = BinaryPrimitives.ReadInt32LittleEndian(header);
            if (length < 0 || length > file.Length - file.Position) break;
            var data = new byte[length];
            file.ReadExactly(data);
            if (!Check(data).AsSpan().SequenceEqual(header.AsSpan(4, 4))) break;
            try { entries.Add(DareEnvelope.Decode(data)); }
            catch (WireFormatException) { break; }
            good = file.Position;
        }
        if (good < file.Length)
        {
            RecoveredBytes += file.Length - good;
            file.SetLength(good);
            file.Flush(flushToDisk: true);
        }
        return entries;
    }

    protected override void PersistAccount(AccountRecord account)
    {
        var folder = AccountFolder(account.ServiceID);
        var temporary = Path.Combine(root, "." + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(temporary);
        WriteDurably(Path.Combine(temporary, AccountFile), StoredAccount.Encode(account));
        Directory.Move(temporary, folder);
        SyncDirectory(root);
    }

    protected override void PersistDelete(string serviceId)
    {
        var folder = AccountFolder(serviceId);
        if (!Directory.Exists(folder)) return;
        var doomed = Path.Combine(root, "." + Guid.NewGuid().ToString("N"));
        Directory.Move(folder, doomed); // atomic: after this the account is gone, even if the delete below is cut short
        SyncDirectory(root);
        Directory.Delete(doomed, recursive: true);
    }

    protected override void PersistAppend(string serviceId, IReadOnlyList<ContainerAppend> batch)
    {
        var folder = AccountFolder(serviceId);
        foreach (var (container, entries) in batch)
        {
            var path = Path.Combine(folder, Base32.Encode(Encoding.UTF8.GetBytes(container), (Encoding.UTF8.GetByteCount(container) * 8 + 4) / 5) + ContainerExtension);
            var created = !File.Exists(path);
            using (var file = new FileStream(path, FileMode.Append, FileAccess.Write))
            {
                foreach (var entry in entries)
                {
                    var data = entry.EncodeArray(WireEncoding.Json, BinaryLayout.Unwrapped);
                    var header = new byte[8];
                    BinaryPrimitives.WriteInt32LittleEndian(header, data.Length);
                    Check(data).CopyTo(header, 4);
                    file.Write(header);
                    file.Write(data);
                }
                file.Flush(flushToDisk: true);
            }
            if (created) SyncDirectory(folder);
        }
    }

    string AccountFolder(string serviceId)
    {
        var bytes = Encoding.UTF8.GetBytes(serviceId.ToLowerInvariant());
        return Path.Combine(root, Base32.Encode(bytes, (bytes.Length * 8 + 4) / 5));
    }

    static string ContainerName(string path) => Encoding.UTF8.GetString(Base32.Decode(Path.GetFileNameWithoutExtension(path)));

    static byte[] Check(byte[] data) => SHA256.HashData(data)[..4];

    static void WriteDurably(string path, byte[] data)
    {
        using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
        file.Write(data);
        file.Flush(flushToDisk: true);
    }

    // Makes a rename or a new file name durable; where directories cannot be opened, renames are still atomic.
    static void SyncDirectory(string folder)
    {
        try
        {
            using var handle = File.OpenHandle(folder, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, FileOptions.None);
            RandomAccess.FlushToDisk(handle);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException) { }
    }
}
