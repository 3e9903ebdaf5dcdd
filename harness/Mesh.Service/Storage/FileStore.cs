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
/// mid-append is cut off when the store opens. A request is all or nothing, crash included: a new account
/// and its first containers appear in one rename; an append of more than one entry first writes a
/// write-ahead record (<c>pending.journal</c>: each container's length before it) and empties it once every
/// container is flushed, and a store that opens on a non-empty record cuts every container back to it.
/// </summary>
public sealed class FileStore : ServiceStore
{
    const string AccountFile = "account.json";
    const string ContainerExtension = ".log";
    const string JournalFile = "pending.journal";
    readonly string root;

    public FileStore(string root)
    {
        this.root = Path.GetFullPath(root);
        Directory.CreateDirectory(this.root);
        foreach (var folder in Directory.EnumerateDirectories(this.root)) Open(folder);
    }

    /// <summary>
    /// A fault-injection point for crash tests: called after each container of a journaled append is flushed, with
    /// the container's name. A callback that blocks leaves the files as a crash at that point would.
    /// </summary>
    public Action<string>? AfterContainerFlushed { get; set; }

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
        UndoPending(folder);
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

    protected override void PersistAccount(AccountRecord account, IReadOnlyList<ContainerAppend> initial)
    {
        var folder = AccountFolder(account.ServiceID);
        var temporary = Path.Combine(root, "." + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(temporary);
        WriteDurably(Path.Combine(temporary, AccountFile), StoredAccount.Encode(account));
        foreach (var (container, entries) in initial) AppendRecords(ContainerPath(temporary, container), entries);
        SyncDirectory(temporary);
        try { Directory.Move(temporary, folder); }
        catch (IOException)
        {
            Directory.Delete(temporary, recursive: true);
            throw new IOException("the account's folder exists already"); // the message names no path: it may reach an answer
        }
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
        var writes = batch.Where(b => b.Entries.Count > 0).Select(b => (Path: ContainerPath(folder, b.Container), b.Entries)).ToList();
        // One entry needs no record: a torn tail is cut off at open, so it is there whole or not at all.
        var journaled = writes.Sum(w => w.Entries.Count) > 1;
        if (journaled) WritePending(folder, writes.Select(w => (Path.GetFileName(w.Path), File.Exists(w.Path) ? new FileInfo(w.Path).Length : -1L)));
        try
        {
            foreach (var (path, entries) in writes)
            {
                AppendRecords(path, entries);
                if (journaled) AfterContainerFlushed?.Invoke(ContainerName(path));
            }
            if (journaled) ClearPending(folder);
        }
        catch
        {
            if (journaled) UndoPending(folder);
            throw;
        }
    }

    static string ContainerPath(string folder, string container) =>
        Path.Combine(folder, Base32.Encode(Encoding.UTF8.GetBytes(container), (Encoding.UTF8.GetByteCount(container) * 8 + 4) / 5) + ContainerExtension);

    static void AppendRecords(string path, IReadOnlyList<DareEnvelope> entries)
    {
        var created = !File.Exists(path);
        using (var file = new FileStream(path, FileMode.Append, FileAccess.Write))
        {
            foreach (var entry in entries) WriteRecord(file, entry.EncodeArray(WireEncoding.Json, BinaryLayout.Unwrapped));
            file.Flush(flushToDisk: true);
        }
        if (created) SyncDirectory(Path.GetDirectoryName(path)!);
    }

    static void WriteRecord(Stream file, byte[] data)
    {
        var header = new byte[8];
        BinaryPrimitives.WriteInt32LittleEndian(header, data.Length);
        Check(data).CopyTo(header, 4);
        file.Write(header);
        file.Write(data);
    }

    // The write-ahead record: one framed record of lines "file length" (-1: the file did not exist), flushed before any container is touched.
    static void WritePending(string folder, IEnumerable<(string File, long Length)> lengths)
    {
        var path = Path.Combine(folder, JournalFile);
        var created = !File.Exists(path);
        using (var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.Write))
        {
            file.SetLength(0);
            WriteRecord(file, Encoding.UTF8.GetBytes(string.Join("\n", lengths.Select(l => $"{l.File} {l.Length}"))));
            file.Flush(flushToDisk: true);
        }
        if (created) SyncDirectory(folder);
    }

    static void ClearPending(string folder)
    {
        using var file = new FileStream(Path.Combine(folder, JournalFile), FileMode.Open, FileAccess.Write);
        file.SetLength(0);
        file.Flush(flushToDisk: true);
    }

    // A complete record names a change that may be half done: cut every container it names back to its length before.
    // A torn record was cut short before any container was touched.
    static void UndoPending(string folder)
    {
        var path = Path.Combine(folder, JournalFile);
        if (!File.Exists(path)) return;
        var record = File.ReadAllBytes(path);
        if (record.Length >= 8 && BinaryPrimitives.ReadInt32LittleEndian(record) is var length && length == record.Length - 8
            && Check(record[8..]).AsSpan().SequenceEqual(record.AsSpan(4, 4)))
        {
            foreach (var line in Encoding.UTF8.GetString(record, 8, length).Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                var (name, before) = (line[..line.LastIndexOf(' ')], long.Parse(line[(line.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture));
                var container = Path.Combine(folder, Path.GetFileName(name));
                if (before < 0) File.Delete(container);
                else if (File.Exists(container))
                {
                    using var file = new FileStream(container, FileMode.Open, FileAccess.Write);
                    if (file.Length > before) file.SetLength(before);
                    file.Flush(flushToDisk: true);
                }
            }
            SyncDirectory(folder);
        }
        ClearPending(folder);
    }

    string AccountFolder(string serviceId)
    {
        var bytes = Encoding.UTF8.GetBytes(AccountNames.Canonical(serviceId) ?? throw new ArgumentException("account identifier is not well-formed Unicode"));
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
