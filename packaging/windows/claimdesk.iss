; Inno Setup script for Claimdesk on Windows (not built here; see docs/packaging.md).
; Build the bundle first on Windows:  py -m pip install -e .[build]  &&  pyinstaller build.spec
; then:  iscc packaging\windows\claimdesk.iss   (version comes from /DAppVersion=0.1.0)
#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif

[Setup]
AppId={{6F1C1F2E-1C1D-4B6E-9A57-3C1A2D9E7B10}
AppName=Claimdesk
AppVersion={#AppVersion}
AppPublisher=Claimdesk
DefaultDirName={autopf}\Claimdesk
DefaultGroupName=Claimdesk
OutputBaseFilename=claimdesk-{#AppVersion}-setup
OutputDir=..\..\dist
Compression=lzma2
SolidCompression=yes
ArchitecturesInstallIn64BitMode=x64compatible
ChangesAssociations=yes
UninstallDisplayIcon={app}\claimdesk-gui.exe

[Files]
Source: "..\..\dist\claimdesk\*"; DestDir: "{app}"; Flags: recursesubdirs createallsubdirs ignoreversion

[Icons]
Name: "{group}\Claimdesk"; Filename: "{app}\claimdesk-gui.exe"
Name: "{autodesktop}\Claimdesk"; Filename: "{app}\claimdesk-gui.exe"; Tasks: desktopicon

[Tasks]
Name: "desktopicon"; Description: "Create a desktop shortcut"; Flags: unchecked

[Registry]
; double-clicking a .claimdesk project opens it in the app
Root: HKA; Subkey: "Software\Classes\.claimdesk"; ValueType: string; ValueData: "Claimdesk.Project"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\Claimdesk.Project"; ValueType: string; ValueData: "Claimdesk project"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\Claimdesk.Project\DefaultIcon"; ValueType: string; ValueData: "{app}\claimdesk-gui.exe,0"
Root: HKA; Subkey: "Software\Classes\Claimdesk.Project\shell\open\command"; ValueType: string; ValueData: """{app}\claimdesk-gui.exe"" ""%1"""

[Run]
Filename: "{app}\claimdesk.exe"; Parameters: "self-test"; Flags: runhidden; StatusMsg: "Checking the installation…"
