using System.Collections.Generic;
using System.Collections.ObjectModel;

namespace SandboxOps.Engine.Packaging;

/// <summary>A list whose ToString joins its items, so Export-Csv writes a readable cell.</summary>
public sealed class TextList : ReadOnlyCollection<string>
{
    public TextList(IList<string> items)
        : base(items)
    {
    }

    public override string ToString() => string.Join("; ", this);
}

/// <summary>One deployable Metadata API package written by New-DeploymentPackage (one per part when split).</summary>
public sealed class DeploymentPackage
{
    public DeploymentPackage(string path, int part, int partCount, int componentCount, int deletionCount, IList<string> types, IList<string> warnings)
    {
        Path = path;
        Part = part;
        PartCount = partCount;
        ComponentCount = componentCount;
        DeletionCount = deletionCount;
        Types = new TextList(types);
        Warnings = new TextList(warnings);
    }

    /// <summary>The package folder or zip.</summary>
    public string Path { get; }

    /// <summary>1-based; packages of a split deploy in this order.</summary>
    public int Part { get; }

    public int PartCount { get; }

    /// <summary>Components package.xml lists.</summary>
    public int ComponentCount { get; }

    /// <summary>Components the destructive changes file lists.</summary>
    public int DeletionCount { get; }

    public TextList Types { get; }

    /// <summary>What was left out and what to do instead (undeletable types, components not in the source).</summary>
    public TextList Warnings { get; }

    public override string ToString() => Path;
}
