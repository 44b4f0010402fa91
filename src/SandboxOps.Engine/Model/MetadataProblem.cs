namespace SandboxOps.Engine.Model;

public enum ProblemSeverity
{
    /// <summary>Reading went on and the result is complete, but the user should look (e.g. an unknown type).</summary>
    Warning,

    /// <summary>A file or component could not be read; the others were.</summary>
    Error,
}

/// <summary>Why a problem was reported; becomes the error id <c>SandboxOps.Read.&lt;Code&gt;</c>.</summary>
public enum ProblemCode
{
    MalformedXml,
    ForbiddenDtd,
    UnknownType,
    DuplicateComponent,
    UnreadableFile,
    MissingFile,

    /// <summary>Salesforce reported a problem with one file of a retrieve without failing it.</summary>
    RetrieveMessage,

    /// <summary>A package directory that sfdx-project.json names holds no files (missing, misspelt, or not checked out).</summary>
    MissingPackageDirectory,
}

/// <summary>A per-item problem met while reading: names the file (and line) and what to do.</summary>
public sealed class MetadataProblem
{
    public MetadataProblem(ProblemSeverity severity, ProblemCode code, string path, string message, int? line = null)
    {
        Severity = severity;
        Code = code;
        Path = path;
        Message = message;
        Line = line;
    }

    public ProblemSeverity Severity { get; }

    public ProblemCode Code { get; }

    /// <summary>The file, as the user would find it (source root plus relative path).</summary>
    public string Path { get; }

    public int? Line { get; }

    public string Message { get; }

    public override string ToString() => Message;
}
