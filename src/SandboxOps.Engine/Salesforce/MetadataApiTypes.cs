using System;
using System.Collections.Generic;

namespace SandboxOps.Engine.Salesforce;

/// <summary>A type as describeMetadata returns it.</summary>
public sealed class MetadataTypeInfo
{
    public MetadataTypeInfo(string xmlName, string directoryName, string? suffix, bool inFolder, bool metaFile, IReadOnlyList<string> childXmlNames)
    {
        XmlName = xmlName;
        DirectoryName = directoryName;
        Suffix = suffix;
        InFolder = inFolder;
        MetaFile = metaFile;
        ChildXmlNames = childXmlNames;
    }

    public string XmlName { get; }

    public string DirectoryName { get; }

    public string? Suffix { get; }

    public bool InFolder { get; }

    public bool MetaFile { get; }

    public IReadOnlyList<string> ChildXmlNames { get; }

    public override string ToString() => XmlName;
}

/// <summary>One listMetadata query: a type, and for in-folder types the folder.</summary>
public sealed class ListMetadataQuery
{
    public ListMetadataQuery(string type, string? folder = null)
    {
        Type = type;
        Folder = folder;
    }

    public string Type { get; }

    public string? Folder { get; }

    public override string ToString() => Folder is null ? Type : Type + " in " + Folder;
}

/// <summary>A component as listMetadata returns it (FileProperties).</summary>
public sealed class OrgComponentInfo
{
    public OrgComponentInfo(string type, string fullName, string fileName, string? id, DateTime? lastModifiedDate, string? lastModifiedByName, string? manageableState, string? namespacePrefix)
    {
        Type = type;
        FullName = fullName;
        FileName = fileName;
        Id = id;
        LastModifiedDate = lastModifiedDate;
        LastModifiedByName = lastModifiedByName;
        ManageableState = manageableState;
        NamespacePrefix = namespacePrefix;
    }

    public string Type { get; }

    public string FullName { get; }

    public string FileName { get; }

    public string? Id { get; }

    public DateTime? LastModifiedDate { get; }

    public string? LastModifiedByName { get; }

    public string? ManageableState { get; }

    public string? NamespacePrefix { get; }

    public override string ToString() => Type + " " + FullName;
}

/// <summary>What checkRetrieveStatus says about a retrieve.</summary>
internal sealed class RetrieveStatus
{
    public RetrieveStatus(bool done, string status, string? errorStatusCode, string? errorMessage, byte[]? zipFile, IReadOnlyList<string> messages)
    {
        Done = done;
        Status = status;
        ErrorStatusCode = errorStatusCode;
        ErrorMessage = errorMessage;
        ZipFile = zipFile;
        Messages = messages;
    }

    public bool Done { get; }

    /// <summary>Pending, InProgress, Succeeded or Failed.</summary>
    public string Status { get; }

    public string? ErrorStatusCode { get; }

    public string? ErrorMessage { get; }

    public byte[]? ZipFile { get; }

    /// <summary>Problems with single files ("fileName: problem"), which do not fail the retrieve.</summary>
    public IReadOnlyList<string> Messages { get; }
}
