namespace SandboxOps.Engine.Model;

/// <summary>
/// What kind of failure an engine exception is, whatever part of the engine raised it: the cmdlets map each
/// kind to one PowerShell error category, so the same failure reads the same in every command.
/// </summary>
public enum FailureKind
{
    /// <summary>A path, snapshot, store, package or org connection that does not exist.</summary>
    NotFound,

    /// <summary>An argument that cannot work as given (ambiguous path, output inside the source, bad name).</summary>
    InvalidArgument,

    /// <summary>Input that is not what it claims to be (not metadata, a broken zip, an answer that makes no sense).</summary>
    InvalidData,

    /// <summary>Input refused because reading it could harm the machine (zip slip, zip bombs).</summary>
    Unsafe,

    /// <summary>Something of that name is already there and would be overwritten.</summary>
    AlreadyExists,

    /// <summary>Someone else holds it (the store lock).</summary>
    Busy,

    /// <summary>Not allowed: file permissions, or production without -AllowProduction.</summary>
    Denied,

    /// <summary>A file that exists but cannot be read.</summary>
    Unreadable,

    /// <summary>Stored data whose content no longer matches its hash or seal.</summary>
    Corrupt,

    /// <summary>The org refused the credentials (expired or revoked token, bad key).</summary>
    Authentication,

    /// <summary>The org could not be reached, or the connection dropped.</summary>
    Connection,

    /// <summary>Waited longer than allowed.</summary>
    Timeout,

    /// <summary>Over a Salesforce or a safety limit (package size, file count).</summary>
    Limit,

    /// <summary>A tool the command needs is not installed (git, the Salesforce CLI).</summary>
    NotInstalled,

    /// <summary>Asked for something this version does not do.</summary>
    NotSupported,

    /// <summary>The disk filled up while writing.</summary>
    DiskFull,

    /// <summary>The org answered and said no (a Salesforce error code not otherwise classified).</summary>
    Rejected,
}
