BeforeDiscovery {
    # The -ForEach data below comes from the module, so it must be loaded while tests are discovered.
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:CmdletNames = @(Get-Command -Module SandboxOps -CommandType Cmdlet | ForEach-Object { @{ Name = $_.Name } })
    $script:ParameterCases = @(
        foreach ($command in Get-Command -Module SandboxOps -CommandType Cmdlet) {
            # WhatIf and Confirm are documented by PowerShell itself, like the other common parameters.
            foreach ($parameter in $command.Parameters.Keys | Where-Object { $_ -notin [System.Management.Automation.Cmdlet]::CommonParameters -and $_ -notin [System.Management.Automation.Cmdlet]::OptionalCommonParameters }) {
                @{ Command = $command.Name; Parameter = $parameter }
            }
        })
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:Manifest = Test-ModuleManifest -Path $ModuleManifest
    $script:Cmdlets = @(Get-Command -Module SandboxOps -CommandType Cmdlet)
}

Describe 'The module manifest' {
    It 'is valid and versioned from Directory.Build.props' {
        $props = [xml](Get-Content -Raw (Join-Path $RepositoryRoot 'Directory.Build.props'))
        $Manifest.Version | Should -Be ([version]$props.Project.PropertyGroup.VersionPrefix)
        (Get-Module SandboxOps).Version | Should -Be $Manifest.Version
    }

    It 'declares the editions and runtimes it supports' {
        $data = Import-PowerShellDataFile $ModuleManifest
        $data.PowerShellVersion | Should -Be '5.1'
        $data.CompatiblePSEditions | Should -Be @('Desktop', 'Core')
        $data.DotNetFrameworkVersion | Should -Be '4.7.2'
        $data.RootModule | Should -Be 'SandboxOps.dll'
    }

    It 'exports exactly the cmdlets it lists and nothing else' {
        $data = Import-PowerShellDataFile $ModuleManifest
        $data.FunctionsToExport | Should -BeNullOrEmpty
        $data.AliasesToExport | Should -BeNullOrEmpty
        $data.VariablesToExport | Should -BeNullOrEmpty
        @($Cmdlets.Name | Sort-Object) | Should -Be @($data.CmdletsToExport | Sort-Object)
    }

    It 'has a default table view for every output type' {
        $views = ([xml](Get-Content -Raw (Join-Path (Split-Path $ModuleManifest) 'SandboxOps.format.ps1xml'))).Configuration.ViewDefinitions.View.ViewSelectedBy.TypeName
        foreach ($type in $Cmdlets.OutputType.Name | Where-Object { $_ -like 'SandboxOps.*' } | Sort-Object -Unique) {
            $views | Should -Contain $type
        }
    }

    It 'uses approved verbs only' {
        $approved = (Get-Verb).Verb
        foreach ($cmdlet in $Cmdlets) { $approved | Should -Contain $cmdlet.Verb }
    }

    It 'ships the engine in Dependencies and not beside the cmdlet assembly' {
        $moduleBase = Split-Path $ModuleManifest
        Join-Path $moduleBase 'Dependencies/SandboxOps.Engine.dll' | Should -Exist
        Join-Path $moduleBase 'SandboxOps.Engine.dll' | Should -Not -Exist
        Join-Path $moduleBase 'System.Management.Automation.dll' | Should -Not -Exist
        Join-Path $moduleBase 'Dependencies/System.Management.Automation.dll' | Should -Not -Exist
    }
}

Describe 'Help' {
    BeforeAll {
        # Examples of the org cmdlets connect through the Salesforce CLI or a runbook's environment
        # variables: both lead to a simulated org here.
        # It is also the production org of the sample pipeline's sandboxes, with records for the REST examples.
        $fixtures = Join-Path $RepositoryRoot 'tests/fixtures/simulator'
        $script:SimulatedOrg = Start-SimulatedOrg -OrgFolder (Join-Path $RepositoryRoot 'docs/samples/production') -WorkFolder $TestDrive -Arguments @('--sandboxes', (Join-Path $fixtures 'sandboxes.json'), '--data', (Join-Path $fixtures 'production-records.json'))
        # Invoke-SandboxDataMask keeps its ledgers in the user's local data folder: the examples keep theirs here.
        $script:SavedDataHome = $env:XDG_DATA_HOME
        $env:XDG_DATA_HOME = Join-Path $TestDrive 'data-home'
    }

    AfterAll {
        Stop-SimulatedOrg $script:SimulatedOrg
        $env:XDG_DATA_HOME = $script:SavedDataHome
    }

    It 'there is something to check' {
        $CmdletNames.Count | Should -BeGreaterThan 0
    }

    It '<Name> has a synopsis, a description and examples' -ForEach $CmdletNames {
        $help = Get-Help $Name -Full
        $help.Synopsis | Should -Not -BeNullOrEmpty
        $help.Synopsis | Should -Not -Match "^\s*$Name"
        ($help.Description.Text -join ' ') | Should -Not -BeNullOrEmpty
        @($help.Examples.Example).Count | Should -BeGreaterThan 1
    }

    It '<Command> -<Parameter> is described' -ForEach $ParameterCases {
        $help = Get-Help $Command -Parameter $Parameter
        ($help.Description.Text -join ' ') | Should -Not -BeNullOrEmpty
    }

    It 'about_SandboxOps is available' {
        Get-Help about_SandboxOps | Out-String | Should -Match 'SOURCES OF METADATA'
    }

    It 'every example of <Name> runs without error' -ForEach $CmdletNames {
        # Examples refer to ./docs/samples: run them where that exists, in a scratch folder.
        $work = New-Item -ItemType Directory (Join-Path $TestDrive $Name)
        Copy-Item -Recurse (Join-Path $RepositoryRoot 'docs/samples') (New-Item -ItemType Directory (Join-Path $work 'docs')).FullName
        Push-Location $work
        try {
            # Example 6 reads ./force-app three commits back: give it a small history.
            $git = @('-c', 'user.name=Test', '-c', 'user.email=test@example.com', '-c', 'commit.gpgsign=false')
            git init -q -b main . 2>$null
            Copy-Item -Recurse (Join-Path $RepositoryRoot 'docs/samples/uat/force-app') ./force-app
            git @git add force-app 2>$null
            git @git commit -q -m 'first' 2>$null
            foreach ($i in 1..3) { git @git commit -q --allow-empty -m "change $i" 2>$null }
            $ErrorActionPreference = 'Stop'
            foreach ($example in @((Get-Help $Name -Examples).Examples.Example)) {
                $code = $example.Code
                { $null = . ([scriptblock]::Create($code)) } | Should -Not -Throw -Because "example '$($example.Title)' must run"
            }
        } finally { Pop-Location }
    }
}
