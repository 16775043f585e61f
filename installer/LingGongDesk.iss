; Inno Setup 6 script of the LingGong Desk installer for Windows.
;
; First build the program folder on Windows: `python installer\build.py`
; (it makes dist\LingGongDesk\), then compile this script:
;   "C:\Program Files (x86)\Inno Setup 6\ISCC.exe" installer\LingGongDesk.iss
; The installer lands in dist\installer\LingGongDesk-<version>-setup.exe.
; Pass /DAppVersion=0.2.0 to ISCC to stamp another version.
;
; Data: the desk keeps its database, log and settings in the user's folders
; (platformdirs "LingGongDesk": %LOCALAPPDATA%\LingGongDesk). The installer
; never writes there and the uninstaller never deletes it, so an upgrade or an
; uninstall keeps every registration, referral and unsent change.
;
; Languages: English is built in. Simplified Chinese uses
; compiler:Languages\ChineseSimplified.isl when that file exists in the Inno
; Setup installation (it ships with Inno Setup 6.3 and later; for older ones
; copy it there from Inno Setup's "unofficial translations" page); otherwise
; the installer is English only.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "LingGong Desk"
#define AppNameZh "零工服务台"
#define AppExe "LingGongDesk.exe"
#define BundleDir "..\dist\LingGongDesk"

[Setup]
; Never change AppId: it is how a newer installer finds and replaces this one.
AppId={{6F1C2B7E-4D3A-4E8B-9C51-2A7D0E9B4C13}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=LingGong Desk
DefaultDirName={autopf}\LingGong Desk
DefaultGroupName=LingGong Desk
DisableProgramGroupPage=yes
UninstallDisplayName={#AppName} ({#AppNameZh})
UninstallDisplayIcon={app}\{#AppExe}
OutputDir=..\dist\installer
OutputBaseFilename=LingGongDesk-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
; Per machine by default; a clerk without admin rights may install for themself.
PrivilegesRequired=admin
PrivilegesRequiredOverridesAllowed=dialog
; An upgrade closes a running desk and replaces the program files in place.
CloseApplications=yes
RestartApplications=no
UsePreviousAppDir=yes
UsePreviousTasks=yes

[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"
#if FileExists(CompilerPath + "Languages\ChineseSimplified.isl")
Name: "zh"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
#endif

[CustomMessages]
en.LaunchDesk=Start LingGong Desk
#if FileExists(CompilerPath + "Languages\ChineseSimplified.isl")
zh.LaunchDesk=启动零工服务台
#endif

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; The program folder is replaced whole on upgrade, so no stale module of an
; older version is left beside the new one. User data is elsewhere.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchDesk}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Only what the installer put in {app}; {localappdata}\LingGongDesk (the
; clerks' data) is deliberately not listed and stays.
Type: filesandordirs; Name: "{app}\_internal"
