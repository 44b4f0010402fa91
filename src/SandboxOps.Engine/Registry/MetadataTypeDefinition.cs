using System;
using System.Collections.Generic;
using System.Linq;

namespace SandboxOps.Engine.Registry;

/// <summary>What SandboxOps knows of one Metadata API type: where its files live and how to read them.</summary>
public sealed class MetadataTypeDefinition
{
    private readonly Dictionary<string, ChildTypeDefinition> _childrenByElement;

    public MetadataTypeDefinition(
        string name,
        string directoryName,
        string? suffix,
        ComponentLayout layout,
        string? folderTypeName = null,
        IReadOnlyList<ChildTypeDefinition>? children = null,
        string? contentTypeName = null,
        bool mergedFromSourceFolder = false,
        bool strictDirectory = false,
        int bundleNameDepth = 1,
        string? qualifierDirectory = null)
    {
        Name = name;
        DirectoryName = directoryName;
        Suffix = suffix;
        Layout = layout;
        FolderTypeName = folderTypeName;
        ContentTypeName = contentTypeName;
        MergedFromSourceFolder = mergedFromSourceFolder;
        StrictDirectory = strictDirectory;
        BundleNameDepth = bundleNameDepth;
        QualifierDirectory = qualifierDirectory;
        Children = children ?? Array.Empty<ChildTypeDefinition>();
        _childrenByElement = Children
            .GroupBy(c => c.XmlElement, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
    }

    public string Name { get; }

    /// <summary>The type folder: <c>classes</c>, <c>objects</c>, <c>reports</c>.</summary>
    public string DirectoryName { get; }

    /// <summary>File suffix without the dot; null for bundles, which are named by their folder.</summary>
    public string? Suffix { get; }

    public ComponentLayout Layout { get; }

    /// <summary>For in-folder types (Report, Dashboard, Document, EmailTemplate): the type of their folders.</summary>
    public string? FolderTypeName { get; }

    /// <summary>For folder types (ReportFolder...): the type whose components they hold.</summary>
    public string? ContentTypeName { get; }

    /// <summary>
    /// True when a DX project may opt in to split one component into a folder of files
    /// (permissionsets/Sales/**, the decomposePermissionSetBeta behaviours); they merge back into one.
    /// </summary>
    public bool MergedFromSourceFolder { get; }

    /// <summary>
    /// True when a file is this type's only because it sits under the type folder (lwc/, objects/,
    /// staticresources/): Salesforce's strict directories, which win over any suffix.
    /// </summary>
    public bool StrictDirectory { get; }

    /// <summary>How many folders under the type folder name one bundle: 2 for <c>digitalExperiences/site/Name/</c>.</summary>
    public int BundleNameDepth { get; }

    /// <summary>
    /// A folder whose next segment qualifies the name: <c>territory2Models/Model/territories/T.territory2</c>
    /// is Territory2 <c>Model.T</c>.
    /// </summary>
    public string? QualifierDirectory { get; }

    public bool IsInFolder => FolderTypeName is not null;

    public bool IsFolder => ContentTypeName is not null;

    public IReadOnlyList<ChildTypeDefinition> Children { get; }

    public ChildTypeDefinition? ChildForElement(string elementName) =>
        _childrenByElement.TryGetValue(elementName, out var child) ? child : null;

    /// <summary>For an element of this type's file, the element naming it when it is a child component (fields: fullName); else null.</summary>
    public string[]? ChildIdentity(string elementName) =>
        ChildForElement(elementName) is { } child ? new[] { child.IdentityElement } : null;

    public override string ToString() => Name;
}
