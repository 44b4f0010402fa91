BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')

    # Runs a command and returns how it failed: the first error record, whether it stopped the command, and what it emitted.
    function Get-Failure([scriptblock] $Command) {
        $ErrorActionPreference = 'Continue'
        try {
            $all = @(& $Command 2>&1)
            [pscustomobject]@{
                Record = @($all | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })[0]
                Terminating = $false
                Output = @($all | Where-Object { $_ -isnot [System.Management.Automation.ErrorRecord] })
            }
        }
        catch {
            [pscustomobject]@{ Record = $_; Terminating = $true; Output = @() }
        }
    }
}

Describe 'One category per kind of failure' {
    It 'maps <Kind> to <Category>' -ForEach @(
        @{ Kind = 'NotFound'; Category = 'ObjectNotFound' }
        @{ Kind = 'InvalidArgument'; Category = 'InvalidArgument' }
        @{ Kind = 'InvalidData'; Category = 'InvalidData' }
        @{ Kind = 'Unsafe'; Category = 'SecurityError' }
        @{ Kind = 'AlreadyExists'; Category = 'ResourceExists' }
        @{ Kind = 'Busy'; Category = 'ResourceBusy' }
        @{ Kind = 'Denied'; Category = 'PermissionDenied' }
        @{ Kind = 'Unreadable'; Category = 'ReadError' }
        @{ Kind = 'Corrupt'; Category = 'InvalidData' }
        @{ Kind = 'Authentication'; Category = 'AuthenticationError' }
        @{ Kind = 'Connection'; Category = 'ConnectionError' }
        @{ Kind = 'Timeout'; Category = 'OperationTimeout' }
        @{ Kind = 'Limit'; Category = 'LimitsExceeded' }
        @{ Kind = 'NotInstalled'; Category = 'NotInstalled' }
        @{ Kind = 'NotSupported'; Category = 'NotImplemented' }
        @{ Kind = 'DiskFull'; Category = 'WriteError' }
        @{ Kind = 'Rejected'; Category = 'InvalidOperation' }
    ) {
        [SandboxOps.EngineErrors]::CategoryOf($Kind) | Should -Be $Category
    }

    It 'has a row above for every kind the engine knows' {
        # The engine lives in its own load context: its types are reached through the cmdlet assembly's.
        $kind = [SandboxOps.EngineErrors].GetMethod('CategoryOf').GetParameters()[0].ParameterType
        [Enum]::GetNames($kind).Count | Should -Be 17
    }
}

Describe 'A run that cannot start stops; one input of several does not' {
    BeforeAll {
        $script:Missing = Join-Path $TestDrive 'missing'
    }

    It 'NotFound: a -Target that does not exist stops Compare-OrgMetadata, naming the side' {
        $failure = Get-Failure { Compare-OrgMetadata $ProductionSample $Missing }
        $failure.Terminating | Should -BeTrue
        $failure.Record.FullyQualifiedErrorId | Should -BeLike 'SandboxOps.Source.PathNotFound*'
        $failure.Record.CategoryInfo.Category | Should -Be 'ObjectNotFound'
        "$($failure.Record.TargetObject)" | Should -Be $Missing
    }

    It 'NotFound: one missing source of two is an error about it, and the other is still read' {
        $failure = Get-Failure { Get-OrgMetadata -Source $Missing, $ProductionSample }
        $failure.Terminating | Should -BeFalse
        $failure.Record.FullyQualifiedErrorId | Should -BeLike 'SandboxOps.Source.PathNotFound*'
        "$($failure.Record.TargetObject)" | Should -Be $Missing
        $failure.Output.Count | Should -Be 33
    }

    It 'InvalidArgument: an unknown type stops the command before anything is read' {
        $failure = Get-Failure { Get-OrgMetadata $ProductionSample -Type ApexClas }
        $failure.Terminating | Should -BeTrue
        $failure.Record.FullyQualifiedErrorId | Should -BeLike 'SandboxOps.Argument.UnknownType*'
        $failure.Record.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $failure.Record.Exception.Message | Should -Match 'ApexClass'
    }

    It 'InvalidData: a DX project whose project file is not JSON' {
        $project = New-Item -ItemType Directory (Join-Path $TestDrive 'broken-project')
        Set-Content (Join-Path $project 'sfdx-project.json') '{ "packageDirectories": [ '
        $failure = Get-Failure { Compare-OrgMetadata $project $ProductionSample }
        $failure.Terminating | Should -BeTrue
        $failure.Record.FullyQualifiedErrorId | Should -BeLike 'SandboxOps.Source.InvalidProject*'
        $failure.Record.CategoryInfo.Category | Should -Be 'InvalidData'
    }

    It 'Unsafe: a zip that climbs out with ..' {
        $zipPath = Join-Path $TestDrive 'slip.zip'
        $archive = [System.IO.Compression.ZipFile]::Open($zipPath, 'Create')
        $writer = [System.IO.StreamWriter]::new($archive.CreateEntry('../evil.cls').Open()); $writer.Write('x'); $writer.Dispose()
        $archive.Dispose()
        $failure = Get-Failure { Get-OrgMetadata $zipPath }
        $failure.Record.FullyQualifiedErrorId | Should -BeLike 'SandboxOps.Source.UnsafeArchiveEntry*'
        $failure.Record.CategoryInfo.Category | Should -Be 'SecurityError'
    }

    It 'AlreadyExists: a package over an existing destination, from EndProcessing, through the same path' {
        $existing = New-Item -ItemType Directory (Join-Path $TestDrive 'existing-package')
        $failure = Get-Failure { Compare-OrgMetadata $ProductionSample $UatSample | New-DeploymentPackage -Destination $existing }
        $failure.Terminating | Should -BeTrue
        $failure.Record.FullyQualifiedErrorId | Should -BeLike 'SandboxOps.Package.DestinationExists*'
        $failure.Record.CategoryInfo.Category | Should -Be 'ResourceExists'
    }

    It 'NotFound: a store that does not exist stops Get-OrgSnapshot' {
        $failure = Get-Failure { Get-OrgSnapshot -Store $Missing }
        $failure.Terminating | Should -BeTrue
        $failure.Record.FullyQualifiedErrorId | Should -BeLike 'SandboxOps.Snapshot.StoreNotFound*'
        $failure.Record.CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'Corrupt: a snapshot whose manifest no longer matches its seal is refused, never restored' {
        $store = Join-Path $TestDrive 'sealed-store'
        $snapshot = Export-OrgSnapshot $ProductionSample -Store $store -Name sealed
        $seal = Join-Path $store "snapshots/sealed/manifest.seal"
        Set-Content $seal ('0' * 64)
        $failure = Get-Failure { Restore-OrgSnapshot $snapshot -Destination (Join-Path $TestDrive 'restored') }
        $failure.Terminating | Should -BeTrue
        $failure.Record.FullyQualifiedErrorId | Should -BeLike 'SandboxOps.Snapshot.SealBroken*'
        $failure.Record.CategoryInfo.Category | Should -Be 'InvalidData'
        Test-Path (Join-Path $TestDrive 'restored') | Should -BeFalse
    }

    It 'Connection: an org that cannot be reached is an error about that org, not a stop' {
        $token = ConvertTo-SecureString 'not-a-real-token' -AsPlainText -Force
        $failure = Get-Failure { Connect-SalesforceOrg -InstanceUrl 'http://127.0.0.1:9' -AccessToken $token -Alias unreachable }
        $failure.Terminating | Should -BeFalse
        $failure.Record.FullyQualifiedErrorId | Should -BeLike 'SandboxOps.Org.ConnectionFailed*'
        $failure.Record.CategoryInfo.Category | Should -Be 'ConnectionError'
    }

    It 'NotFound: an org that is not connected, as a -Target of a back-promotion, is an error about that target' {
        $failure = Get-Failure { Invoke-BackPromotion -Source $ProductionSample -Target org:nowhere -Store (Join-Path $TestDrive 'bp-store') -WarningAction SilentlyContinue }
        $failure.Terminating | Should -BeFalse
        $failure.Record.FullyQualifiedErrorId | Should -BeLike 'SandboxOps.Org.OrgNotConnected*'
        "$($failure.Record.TargetObject)" | Should -Be 'org:nowhere'
    }

    It 'InvalidArgument: a snapshot as a back-promotion target is refused with what to do' {
        $store = Join-Path $TestDrive 'target-store'
        $snapshot = Export-OrgSnapshot $UatSample -Store $store -Name uat
        $failure = Get-Failure { Invoke-BackPromotion -Source $ProductionSample -Target $snapshot -Store $store -WarningAction SilentlyContinue }
        $failure.Record.FullyQualifiedErrorId | Should -BeLike 'SandboxOps.Argument.TargetNotWritable*'
        $failure.Record.Exception.Message | Should -Match 'Restore-OrgSnapshot'
    }
}
