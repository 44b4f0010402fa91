using System.Collections.Generic;
using System.Collections.ObjectModel;

namespace SandboxOps.Engine.Model;

/// <summary>
/// The files of one component, relative to the source root with '/' separators. ToString joins them
/// so that Export-Csv writes a readable cell instead of a type name.
/// </summary>
public sealed class ComponentFiles : ReadOnlyCollection<string>
{
    public ComponentFiles(IList<string> files)
        : base(files)
    {
    }

    public override string ToString() => string.Join("; ", this);
}
