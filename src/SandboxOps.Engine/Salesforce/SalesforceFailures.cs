using SandboxOps.Engine.Model;

namespace SandboxOps.Engine.Salesforce;

/// <summary>The kind of each failure code an org, its login server or our client reports.</summary>
internal static class SalesforceFailures
{
    public static FailureKind KindOf(string code) => code switch
    {
        "INVALID_SESSION_ID" or "invalid_grant" or "invalid_client_id" or "invalid_client" or "InvalidPrivateKey" => FailureKind.Authentication,
        "OrgNotConnected" or "PackageNotFound" => FailureKind.NotFound,
        "SalesforceCliNotFound" => FailureKind.NotInstalled,
        "DestinationNotEmpty" => FailureKind.AlreadyExists,
        "ProductionRefused" => FailureKind.Denied,
        "PackageTooLarge" or "LIMIT_EXCEEDED" or "REQUEST_LIMIT_EXCEEDED" => FailureKind.Limit,
        "Timeout" => FailureKind.Timeout,
        "ConnectionFailed" or "ConnectionLost" or "HTTP" => FailureKind.Connection,
        "PrivateKeyUnreadable" => FailureKind.Unreadable,
        "UnsafeArchiveEntry" => FailureKind.Unsafe,
        "MalformedAnswer" or "UnexpectedAnswer" or "RetrieveResultLost" => FailureKind.InvalidData,
        _ => FailureKind.Rejected,
    };
}
