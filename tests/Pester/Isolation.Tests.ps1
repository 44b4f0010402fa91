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

Describe 'The precompiled engine' {
    BeforeAll {
        # The folder build.ps1 precompiles the engine into: this runtime's major version and this platform.
        $os = if ($IsWindows) { 'win' } elseif ($IsMacOS) { 'osx' } else { 'linux' }
        $arch = [System.Runtime.InteropServices.RuntimeInformation]::ProcessArchitecture.ToString().ToLowerInvariant()
        $script:Precompiled = Join-Path (Split-Path $ModuleManifest) "ReadyToRun/net$([Environment]::Version.Major).0-$os-$arch"
        $script:LoadedEngine = @"
`$ErrorActionPreference = 'Stop'
Import-Module 'MODULE_MANIFEST'
`$jitted = [System.Runtime.JitInfo]::GetCompiledMethodCount()
"count=" + @(Get-OrgMetadata '$ProductionSample').Count
"jitted=" + ([System.Runtime.JitInfo]::GetCompiledMethodCount() - `$jitted)
"engine=" + ([AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { `$_.GetName().Name -eq 'SandboxOps.Engine' }).Location
"@
    }

    It 'is built for the runtime and platform pwsh runs on here, beside the portable engine' {
        Join-Path $Precompiled 'SandboxOps.Engine.dll' | Should -Exist
        Join-Path (Split-Path $ModuleManifest) 'Dependencies/SandboxOps.Engine.dll' | Should -Exist
    }

    It 'is the engine the module loads here, and a module without it loads the portable one, with the same results' {
        $precompiledRun = (Invoke-FreshPwsh $LoadedEngine.Replace('MODULE_MANIFEST', $ModuleManifest)) -split '\r?\n'
        $LASTEXITCODE | Should -Be 0 -Because ($precompiledRun -join "`n")

        # A copy without the precompiled folder is what another runtime or platform sees.
        $portableModule = Join-Path $TestDrive 'portable/SandboxOps'
        Copy-Item -Recurse (Split-Path $ModuleManifest) $portableModule
        Remove-Item -Recurse (Join-Path $portableModule 'ReadyToRun')
        $portableRun = (Invoke-FreshPwsh $LoadedEngine.Replace('MODULE_MANIFEST', (Join-Path $portableModule 'SandboxOps.psd1'))) -split '\r?\n'
        $LASTEXITCODE | Should -Be 0 -Because ($portableRun -join "`n")

        function Get-Reported([string[]] $Lines, [string] $Name) {
            ($Lines | Where-Object { $_.StartsWith("$Name=") } | Select-Object -First 1).Substring($Name.Length + 1)
        }
        Get-Reported $precompiledRun 'engine' | Should -Be (Join-Path $Precompiled 'SandboxOps.Engine.dll')
        Get-Reported $portableRun 'engine' | Should -Be (Join-Path $portableModule 'Dependencies/SandboxOps.Engine.dll')
        Get-Reported $precompiledRun 'count' | Should -Be '33'
        Get-Reported $portableRun 'count' | Should -Be '33'
        # Native code in use: the JIT compiles far fewer methods for the same work (measured about half).
        $precompiledJit = [int](Get-Reported $precompiledRun 'jitted')
        $portableJit = [int](Get-Reported $portableRun 'jitted')
        $precompiledJit | Should -BeLessThan ($portableJit * 0.8) -Because "precompiled $precompiledJit, portable $portableJit methods compiled"
    }
}
