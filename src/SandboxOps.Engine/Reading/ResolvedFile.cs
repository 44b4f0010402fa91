using SandboxOps.Engine.Registry;

namespace SandboxOps.Engine.Reading;

/// <summary>How the files of one component are read.</summary>
internal enum UnitKind
{
    /// <summary>One XML file is one component (plain types, folders, decomposed source files).</summary>
    XmlFile,

    /// <summary>Several files make one component: content + meta, bundles, static resources.</summary>
    Files,

    /// <summary>One XML file holds a parent and its children (Account.object, CustomLabels.labels).</summary>
    Container,

    /// <summary>A folder of files that merge into one component (an opted-in decomposed permission set).</summary>
    Merged,

    /// <summary>No registered type claims the file.</summary>
    Unknown,

    /// <summary>Tooling beside metadata that is never deployed (LWC Jest tests, jsconfig.json).</summary>
    Ignored,
}

/// <summary>What a file is: the component it belongs to and the part it plays in it.</summary>
internal sealed class ResolvedFile
{
    public ResolvedFile(UnitKind kind, string typeName, string fullName, string role, MetadataTypeDefinition? definition = null, string? parent = null)
    {
        Kind = kind;
        TypeName = typeName;
        FullName = fullName;
        Role = role;
        Definition = definition;
        Parent = parent;
    }

    public UnitKind Kind { get; }

    public string TypeName { get; }

    /// <summary>The component's fullName (for a container, the parent's).</summary>
    public string FullName { get; }

    /// <summary>"meta", "content", "content/&lt;path&gt;" or a path inside a bundle.</summary>
    public string Role { get; }

    /// <summary>The top-level type, for containers and multi-file components.</summary>
    public MetadataTypeDefinition? Definition { get; }

    public string? Parent { get; }

    public static ResolvedFile Ignored(string path) => new(UnitKind.Ignored, string.Empty, path, string.Empty);

    public const string MetaRole = "meta";
    public const string ContentRole = "content";
}
