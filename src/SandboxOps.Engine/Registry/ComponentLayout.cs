namespace SandboxOps.Engine.Registry;

/// <summary>How a type's components are laid out on disk: decides which files make one component.</summary>
public enum ComponentLayout
{
    /// <summary>One XML file: <c>Name.suffix</c> (Metadata API) or <c>Name.suffix-meta.xml</c> (source).</summary>
    Plain,

    /// <summary>A content file and its <c>-meta.xml</c>: <c>Foo.cls</c> + <c>Foo.cls-meta.xml</c>.</summary>
    ContentWithMeta,

    /// <summary>A whole folder: <c>lwc/name/**</c>.</summary>
    Bundle,

    /// <summary>A content file of any extension, or a folder, plus a meta file (StaticResource, Document).</summary>
    MixedContent,

    /// <summary>A parent whose children are separate components: one file in Metadata API format, a folder per child type in source.</summary>
    Decomposed,

    /// <summary>One file holding many children addressed by name (CustomLabels, Workflow, SharingRules).</summary>
    ChildrenInFile,
}
