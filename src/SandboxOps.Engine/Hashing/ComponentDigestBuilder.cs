using System;
using System.Collections.Generic;

namespace SandboxOps.Engine.Hashing;

/// <summary>
/// Combines the digests of a component's parts, named by role ("meta", "content", a path inside a
/// bundle) rather than by file name, so that both formats of the same component hash alike.
/// </summary>
internal sealed class ComponentDigestBuilder
{
    private readonly SortedDictionary<string, Digest> _parts = new(StringComparer.Ordinal);

    public void Add(string role, Digest digest) => _parts[role] = digest;

    public Digest Finish()
    {
        using var writer = DigestWriter.Rent();
        foreach (var part in _parts)
        {
            writer.Text(part.Key);
            writer.Bytes(part.Value.Value);
        }

        return writer.Finish();
    }
}
