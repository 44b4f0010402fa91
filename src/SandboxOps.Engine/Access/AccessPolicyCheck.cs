using System;
using System.Collections.Generic;
using System.Linq;
using SandboxOps.Engine.Pipelines;

namespace SandboxOps.Engine.Access;

/// <summary>A capability held in an environment against the pipeline's access policy, and what to do about it.</summary>
public sealed class AccessFinding
{
    public AccessFinding(string ruleId, FindingSeverity severity, string environment, AccessGrant grant, AccessRule rule)
    {
        RuleId = ruleId;
        Severity = severity;
        Environment = environment;
        User = grant.Holder;
        HolderType = grant.HolderType;
        Capability = grant.Capability;
        GrantedBy = grant.GrantedBy;
        Message = $"{grant.HolderType} {grant.Holder} holds {grant.Capability} in {environment} through {grant.GrantedBy}; the access policy allows it there only to {(rule.Allow.Count == 0 ? "nobody" : string.Join(", ", rule.Allow))}" + (rule.Reason is null ? "." : $" ({rule.Reason}).");
        Remedy = $"Take {grant.Capability} out of {grant.GrantedBy}" + (grant.HolderType == "User" ? $", or assign {grant.Holder} access that the policy allows" : string.Empty) + "; or, if this holder should have it, allow it in the pipeline file's access policy.";
    }

    /// <summary>ACC001 granted by a profile, ACC002 by a permission set, ACC003 by a permission set group.</summary>
    public string RuleId { get; }

    public FindingSeverity Severity { get; }

    public string Environment { get; }

    /// <summary>The user (or, offline, the profile, permission set or group) that holds the capability.</summary>
    public string User { get; }

    public string HolderType { get; }

    public string Capability { get; }

    public string GrantedBy { get; }

    public string Message { get; }

    public string Remedy { get; }

    public override string ToString() => $"{Severity} {RuleId} {Environment}: {Message}";
}

/// <summary>Holds an environment's grants to the pipeline's access policy.</summary>
public static class AccessPolicyCheck
{
    public const string ByProfile = "ACC001";
    public const string ByPermissionSet = "ACC002";
    public const string ByGroup = "ACC003";

    /// <summary>A finding for each grant that a rule for the environment's role covers and none of its allowances matches.</summary>
    public static IReadOnlyList<AccessFinding> Check(IReadOnlyList<AccessRule> rules, PipelineEnvironment environment, IEnumerable<AccessGrant> grants)
    {
        var applying = rules.Where(r => r.Roles.Contains(environment.Role)).ToList();
        var findings = new List<AccessFinding>();
        foreach (var grant in grants)
        {
            var breached = applying.FirstOrDefault(r =>
                r.Capabilities.Contains(grant.Capability, StringComparer.OrdinalIgnoreCase)
                && !r.Allow.Any(a => a.Matches(grant.HolderType, grant.Holder, grant.GrantorType, grant.Grantor)));
            if (breached is not null)
            {
                var ruleId = grant.GrantorType switch
                {
                    "Profile" => ByProfile,
                    "PermissionSet" => ByPermissionSet,
                    _ => ByGroup,
                };
                findings.Add(new AccessFinding(ruleId, FindingSeverity.Error, environment.Name, grant, breached));
            }
        }

        return findings;
    }
}
