using System.Collections.Generic;
using SandboxOps.Engine.Model;

namespace SandboxOps.Engine.Reading;

/// <summary>A component and the parts it was read from, for comparisons that need more than the hash.</summary>
internal sealed class ComponentContent
{
    public ComponentContent(MetadataComponent component, IReadOnlyList<ContentPart> parts)
    {
        Component = component;
        Parts = parts;
    }

    public MetadataComponent Component { get; }

    /// <summary>Ordinally sorted by role.</summary>
    public IReadOnlyList<ContentPart> Parts { get; }
}
