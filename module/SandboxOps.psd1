@{
    RootModule             = 'SandboxOps.dll'
    # Stamped by build.ps1 from <VersionPrefix> in Directory.Build.props: the one place the version lives.
    ModuleVersion          = '0.0.0'
    GUID                   = 'aa284eed-57c9-448c-8e3d-3c3e7aabcc4f'
    Author                 = 'SandboxOps contributors'
    CompanyName            = 'SandboxOps'
    Copyright              = '(c) SandboxOps contributors. All rights reserved.'
    Description            = 'Keeps Salesforce sandboxes in sync with production: reads org metadata from folders, zips, DX projects and git revisions as one model, and compares, snapshots and back-promotes it.'
    PowerShellVersion      = '5.1'
    CompatiblePSEditions   = @('Desktop', 'Core')
    DotNetFrameworkVersion = '4.7.2'
    FormatsToProcess       = @('SandboxOps.format.ps1xml')
    CmdletsToExport        = @('Approve-DeploymentPackage', 'Compare-OrgAccess', 'Compare-OrgMetadata', 'Compare-OrgTestRun', 'Connect-SalesforceOrg', 'Convert-OrgMetadata', 'Disconnect-SalesforceOrg', 'Export-OrgSnapshot', 'Export-PipelineReport', 'Get-OrgAccessAudit', 'Get-OrgMetadata', 'Get-OrgSnapshot', 'Get-PipelineDrift', 'Get-SalesforceOrg', 'Get-SandboxPipeline', 'Get-SandboxRefreshPlan', 'Invoke-BackPromotion', 'Invoke-OrgTest', 'Invoke-PostRefreshTask', 'Invoke-QualityGate', 'Invoke-SandboxDataMask', 'New-DeploymentPackage', 'New-MaskingRule', 'New-SandboxPipeline', 'Protect-SandboxData', 'Publish-DeploymentPackage', 'Remove-OrgSnapshot', 'Restore-OrgSnapshot', 'Start-SandboxRefresh', 'Test-DeploymentPackage', 'Test-OrgSnapshot', 'Test-SandboxPipeline', 'Wait-SandboxRefresh')
    FunctionsToExport      = @()
    AliasesToExport        = @()
    VariablesToExport      = @()
    PrivateData            = @{
        PSData = @{
            Tags = @('Salesforce', 'Sandbox', 'Metadata', 'DevOps', 'Drift', 'PSEdition_Core', 'PSEdition_Desktop', 'Linux', 'Windows', 'MacOS')
        }
    }
}
