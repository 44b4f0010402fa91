using System;
using System.Collections.Generic;

namespace SandboxOps.Engine.Model;

/// <summary>One metadata component as read from any source: the unit every command works on.</summary>
public sealed class MetadataComponent
{
    public MetadataComponent(
        ComponentKey key,
        string? parent,
        string source,
        MetadataFormat format,
        IList<string> files,
        long size,
        string contentHash,
        DateTime? lastModified)
    {
        Type = key.Type;
        FullName = key.FullName;
        Parent = parent;
        Source = source;
        Format = format;
        Files = files as ComponentFiles ?? new ComponentFiles(files);
        Size = size;
        ContentHash = contentHash;
        LastModified = lastModified;
    }

    /// <summary>Metadata API type name, or <c>Unknown</c> for a file no registered type claims.</summary>
    public string Type { get; }

    /// <summary>The name package.xml would list: <c>Account.Rating__c</c>, <c>Sales/Pipeline</c>.</summary>
    public string FullName { get; }

    /// <summary>The parent component's fullName for children (CustomField, CustomLabel, WorkflowRule...).</summary>
    public string? Parent { get; }

    /// <summary>Where the component was read from: a folder, a zip, or <c>path@revision</c>.</summary>
    public string Source { get; }

    public MetadataFormat Format { get; }

    /// <summary>Files relative to the source root; a child shares its parent's file in Metadata API format.</summary>
    public ComponentFiles Files { get; }

    /// <summary>Bytes of the component's own files; for a child inside its parent's file, of its canonical XML.</summary>
    public long Size { get; }

    /// <summary>SHA-256 of the canonical form: equal for the same metadata in either format.</summary>
    public string ContentHash { get; }

    /// <summary>Last write time (UTC) where the source records one; null for git revisions.</summary>
    public DateTime? LastModified { get; }

    public ComponentKey Key => new(Type, FullName);

    public override string ToString() => Type + " " + FullName;
}
