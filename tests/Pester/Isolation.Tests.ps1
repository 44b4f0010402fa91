BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
}

Describe 'Dependency isolation' {
    It 'works after another module loaded a different Microsoft.Extensions.Logging.Abstractions' {
        $assets = Get-Content -Raw (Join-Path $RepositoryRoot 'tests/Pester/obj/project.assets.json') | ConvertFrom-Json
        $packages = @($assets.packageFolders.PSObject.Properties.Name)[0]
        $foreign = Join-Path $packages 'microsoft.extensions.logging.abstractions/6.0.0/lib/netstandard2.0/Microsoft.Extensions.Logging.Abstractions.dll'
        $foreign | Should -Exist

        # A fresh process: in this one SandboxOps is already loaded.
        $script = @"
`$ErrorActionPreference = 'Stop'
Add-Type -Path '$foreign'
`$first = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { `$_.GetName().Name -eq 'Microsoft.Extensions.Logging.Abstractions' }
Import-Module '$ModuleManifest'
`$verbose = Get-OrgMetadata '$ProductionSample' -Verbose 4>&1 | Where-Object { `$_ -is [System.Management.Automation.VerboseRecord] }
`$versions = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { `$_.GetName().Name -eq 'Microsoft.Extensions.Logging.Abstractions' } | ForEach-Object { `$_.GetName().Version.ToString() }
"first=" + `$first.GetName().Version
"versions=" + ((`$versions | Sort-Object) -join ',')
"verbose=" + (`$verbose.Message -join ' | ')
"@
        $output = Invoke-FreshPwsh $script
        $LASTEXITCODE | Should -Be 0 -Because $output
        $output | Should -Match 'first=6\.0\.0\.0'
        $output | Should -Match 'versions=6\.0\.0\.0,8\.0\.0\.0'
        $output | Should -Match 'verbose=.*Read 33 components'
    }

    It 'survives Remove-Module and Import-Module -Force before the engine was first used' {
        $script = @"
`$ErrorActionPreference = 'Stop'
Import-Module '$ModuleManifest'
Remove-Module SandboxOps
Import-Module '$ModuleManifest'
Import-Module '$ModuleManifest' -Force
"count=" + @(Get-OrgMetadata '$ProductionSample').Count
"@
        $output = Invoke-FreshPwsh $script
        $LASTEXITCODE | Should -Be 0 -Because $output
        $output | Should -Match 'count=33'
    }
}
