using System.Linq;
using System.Security.Cryptography;
using System.Text;
using SandboxOps.Engine.Reading;
using SandboxOps.Engine.Snapshots;

namespace SandboxOps.Engine.Gates;

/// <summary>
/// What a package is, as a gate record keys it: SHA-256 over each file's path and the SHA-256 of its bytes, in path
/// order. A folder and its zip hash alike; a package changed in any byte after its gate ran is another package.
/// </summary>
public static class PackageHash
{
    public static string Of(string package)
    {
        using var source = MetadataSource.Open(package);
        return Of(source);
    }

    public static string Of(MetadataSource package)
    {
        using var all = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var one = SHA256.Create();
        foreach (var file in package.FileSystem.Files.OrderBy(f => f.Path, System.StringComparer.Ordinal))
        {
            byte[] digest;
            using (var stream = package.FileSystem.OpenRead(file.Path))
            {
                digest = one.ComputeHash(stream);
            }

            all.AppendData(Encoding.UTF8.GetBytes(file.Path + "\0"));
            all.AppendData(digest);
        }

        return SnapshotStore.Hex(all.GetHashAndReset());
    }
}
