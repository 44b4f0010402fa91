using System.Management.Automation;
using SandboxOps.Engine.Salesforce;

namespace SandboxOps;

/// <summary>Error records for failures reported by an org or on the way to it: ids SandboxOps.Org.&lt;Code&gt;.</summary>
internal static class OrgErrors
{
    public static ErrorRecord Record(SalesforceException failure, object? target)
    {
        var category = failure.Code switch
        {
            "INVALID_SESSION_ID" or "invalid_grant" or "invalid_client_id" or "InvalidPrivateKey" => ErrorCategory.AuthenticationError,
            "OrgNotConnected" or "SalesforceCliNotFound" => ErrorCategory.ObjectNotFound,
            "DestinationNotEmpty" => ErrorCategory.ResourceExists,
            "ProductionRefused" => ErrorCategory.PermissionDenied,
            "PackageNotFound" => ErrorCategory.ObjectNotFound,
            "PackageTooLarge" => ErrorCategory.LimitsExceeded,
            "Timeout" => ErrorCategory.OperationTimeout,
            _ => ErrorCategory.ConnectionError,
        };
        return new ErrorRecord(failure, "SandboxOps.Org." + failure.Code, category, target);
    }
}
